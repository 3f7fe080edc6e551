/* eslint-disable no-console */
/*
 * `npm run proof:replicas` (P6, issue 14): two real checklist backends on one real
 * PostgreSQL, 1,000 checklist-enabled entities from local repositories. It shows that
 * every entity is evaluated exactly once per refresh, that both replicas serve identical
 * summaries, that the scheduled refresh runs once cluster-wide while both replicas share
 * its work, and that killing a replica mid-refresh loses and duplicates nothing. Prints a
 * table; exits non-zero when any of that does not hold. Never asserts timings.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import {
  dropReplicaDatabases,
  pluginDatabaseUrl,
  postgresAdminUrl,
  writeReplicaConfig,
} from './replicaConfig';
import {
  Replica,
  startReplica,
  stopReplica,
  sumLogged,
} from './replicaProcess';
import {
  changeSyntheticRepositories,
  writeSyntheticRepositories,
} from './syntheticRepositories';

const ENTITIES = Number(process.env.PROOF_ENTITIES ?? 1000);
const PORTS = { a: 7411, b: 7412 };
const TOKEN = randomBytes(24).toString('hex');
const CLAIM_TIMEOUT_SECONDS = 6;
const QUEUED = /Checklist refresh: queued (\d+) of/;
const EVALUATED = /Checklist queue: (\d+) evaluations on this replica/;

type Round = {
  round: string;
  byA: number | string;
  byB: number;
  perEntity: string;
  history: string;
  refreshRuns: number;
  seconds: string;
  verdict: string;
};

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'replica-proof-'));
  const root = path.join(work, 'repositories');
  const entitiesFile = path.join(work, 'entities.json');
  fs.writeFileSync(
    entitiesFile,
    JSON.stringify(writeSyntheticRepositories(root, ENTITIES)),
  );
  const prefix = `replica_proof_${Date.now()}_`;
  const url = postgresAdminUrl();
  const configFile = (port: number) =>
    writeReplicaConfig({
      file: path.join(work, `app-config.${port}.yaml`),
      port,
      postgresUrl: url,
      prefix,
      token: TOKEN,
      root,
      claimTimeoutSeconds: CLAIM_TIMEOUT_SECONDS,
    });
  const start = (name: 'a' | 'b') =>
    startReplica({
      name,
      port: PORTS[name],
      configFile: configFile(PORTS[name]),
      entitiesFile,
      logFile: path.join(work, `replica-${name}.log`),
    });

  const database = new Client({ connectionString: url });
  await database.connect();
  const pluginDb = new Client({
    connectionString: pluginDatabaseUrl(url, prefix),
  });
  const replicas: Partial<Record<'a' | 'b', Replica>> = {};
  const rounds: Round[] = [];
  const failures: string[] = [];
  try {
    console.log(`Starting two replicas on ${prefix}* (work dir ${work})`);
    // One after the other, as a rolling deploy starts them: on a fresh database Backstage's
    // own per-plugin tables (the auth service's signing keys) are created by knex without a
    // lock (knex#3538), before any plugin code runs. The checklist's tables and the
    // scheduler's are serialised by the plugin itself (oneReplicaAtATime, tested there).
    replicas.a = await start('a');
    replicas.b = await start('b');
    await pluginDb.connect();

    const state = async () => {
      const {
        rows: [results],
      } = await pluginDb.query(
        'SELECT count(*)::int AS n, min(evaluations) AS min, max(evaluations) AS max FROM checklist_results',
      );
      const {
        rows: [queue],
      } = await pluginDb.query(
        'SELECT count(*)::int AS n FROM checklist_queue',
      );
      const {
        rows: [history],
      } = await pluginDb.query(
        'SELECT min(c)::int AS min, max(c)::int AS max FROM (SELECT count(*) AS c FROM checklist_history GROUP BY entity_ref) per_entity',
      );
      return { results, queue: queue.n as number, history };
    };
    const waitFor = async (
      what: string,
      done: (s: Awaited<ReturnType<typeof state>>) => boolean,
      timeoutMs = 300_000,
    ) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = await state();
        if (done(s)) return s;
        if (Date.now() > deadline)
          throw new Error(
            `${what} did not happen in time: ${JSON.stringify(s)}`,
          );
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    };
    const summaryOf = async (replica: Replica) => {
      const res = await fetch(
        `${replica.baseUrl}/api/fastapi-checklist/summary?sort=name`,
        { headers: { authorization: `Bearer ${TOKEN}` } },
      );
      if (!res.ok) throw new Error(`${replica.name} summary: ${res.status}`);
      return res.json();
    };
    const triggerRefresh = async (replica: Replica) => {
      const res = await fetch(
        `${replica.baseUrl}/api/fastapi-checklist/.backstage/scheduler/v1/tasks/fastapi-checklist-refresh/trigger`,
        { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } },
      );
      if (!res.ok) throw new Error(`trigger on ${replica.name}: ${res.status}`);
    };
    const check = (ok: boolean, failure: string) => {
      if (!ok) failures.push(failure);
      return ok;
    };
    /** Runs of the scheduled refresh so far, on either replica (each logs one line). */
    const refreshRuns = () =>
      [replicas.a!, replicas.b!].reduce(
        (sum, r) => sum + r.lines.filter(line => QUEUED.test(line)).length,
        0,
      );
    const runRound = async (
      round: string,
      expected: number,
      expectedHistory: number,
      act: () => Promise<void>,
      /** Count each replica's evaluations since it started, not since the round began. */
      sinceStart = false,
    ) => {
      const from = sinceStart
        ? { a: 0, b: 0 }
        : { a: replicas.a!.lines.length, b: replicas.b!.lines.length };
      const runsBefore = refreshRuns();
      const started = Date.now();
      await act();
      const s = await waitFor(
        round,
        x =>
          x.results.n === ENTITIES &&
          x.results.max >= expected &&
          x.results.min >= expected &&
          x.queue === 0,
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const exact = check(
        s.results.min === expected && s.results.max === expected,
        `${round}: evaluations per entity ${s.results.min}–${s.results.max}, expected ${expected}`,
      );
      const history = check(
        s.history.min === expectedHistory && s.history.max === expectedHistory,
        `${round}: history rows per entity ${s.history.min}–${s.history.max}, expected ${expectedHistory}`,
      );
      rounds.push({
        round,
        byA: sumLogged(replicas.a!, EVALUATED, from.a),
        byB: sumLogged(replicas.b!, EVALUATED, from.b),
        perEntity: `${s.results.min}–${s.results.max} (want ${expected})`,
        history: `${s.history.min}–${s.history.max} (want ${expectedHistory})`,
        refreshRuns: refreshRuns() - runsBefore,
        seconds,
        verdict: exact && history ? 'ok' : 'FAIL',
      });
    };
    const sameSummaries = async (when: string) => {
      const [a, b] = await Promise.all([
        summaryOf(replicas.a!),
        summaryOf(replicas.b!),
      ]);
      check(
        a.rows.length === ENTITIES && isDeepStrictEqual(a, b),
        `${when}: the replicas' summaries differ (or miss entities)`,
      );
      console.log(
        `Summaries ${when}: ${
          a.rows.length
        } rows each, identical: ${isDeepStrictEqual(a, b)}`,
      );
    };

    // 1. Nobody asks and no refresh is due: new entities are evaluated as they appear,
    // mostly by A, which starts first (its evaluations before B was up count too).
    await runRound('1 new entities, no refresh', 1, 1, async () => {}, true);
    await sameSummaries('after round 1');

    // 2. One scheduled refresh (triggered), nothing changed: every entity checked once.
    await runRound('2 refresh, none changed', 2, 1, () =>
      triggerRefresh(replicas.a!),
    );
    check(
      rounds[1].refreshRuns === 1,
      'round 2: the refresh ran more than once',
    );
    await sameSummaries('after round 2');

    // 3. Every repository changed; replica A is killed (SIGKILL) mid-refresh. B
    //    finishes, taking A's claims over once they expire.
    changeSyntheticRepositories(root, ENTITIES);
    await runRound('3 refresh, all changed, A killed', 3, 2, async () => {
      await triggerRefresh(replicas.b!);
      const count = async (sql: string) =>
        (await pluginDb.query(sql)).rows[0].n as number;
      while (
        (await count(
          'SELECT count(*)::int AS n FROM checklist_results WHERE evaluations = 3',
        )) <
        ENTITIES / 4
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      const claimed = await count(
        'SELECT count(*)::int AS n FROM checklist_queue WHERE claimed_by IS NOT NULL',
      );
      const queued = await count(
        'SELECT count(*)::int AS n FROM checklist_queue',
      );
      console.log(
        `Killing replica A (SIGKILL): ${queued} entities still queued, ${claimed} of them claimed`,
      );
      await stopReplica(replicas.a!, 'SIGKILL');
    });
    check(
      rounds[2].refreshRuns === 1,
      'round 3: the refresh ran more than once',
    );
    // A died before reporting what it finished; its results are in the counts above.
    rounds[2].byA = 'killed';

    // A replaced replica serves what the survivor serves.
    replicas.a = await start('a');
    await sameSummaries('after round 3, A restarted');
  } finally {
    await Promise.all(
      Object.values(replicas).map(r => r && stopReplica(r, 'SIGTERM')),
    );
    await pluginDb.end().catch(() => undefined);
    await dropReplicaDatabases(database, prefix);
    await database.end();
  }

  const headers: (keyof Round)[] = [
    'round',
    'byA',
    'byB',
    'perEntity',
    'history',
    'refreshRuns',
    'seconds',
    'verdict',
  ];
  const widths = headers.map(h =>
    Math.max(h.length, ...rounds.map(r => String(r[h]).length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${ENTITIES} entities, two replicas, one PostgreSQL`);
  console.log(line(headers));
  console.log(line(widths.map(w => '-'.repeat(w))));
  for (const r of rounds) console.log(line(headers.map(h => String(r[h]))));
  if (failures.length) {
    console.error(`\nFAILED:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nEvery check held.');
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
