import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serviceWith } from '../__fixtures__/analyzeFixture';
import {
  deepExpression,
  largeRouterModule,
} from '../__fixtures__/hostileSources';
import { DEFAULT_ANALYSIS_LIMITS } from '../limits';
import { treeFromEntries } from '../tree/sourceTree';
import { AnalysisPool } from './AnalysisPool';
import { readAnalysisPoolOptions } from './readAnalysisPoolOptions';

const pools: AnalysisPool[] = [];
function pool(
  options: Partial<ConstructorParameters<typeof AnalysisPool>[0]> = {},
) {
  const created = new AnalysisPool({
    workers: 1,
    workerMaxHeapMb: 512,
    timeoutMs: 120_000,
    limits: DEFAULT_ANALYSIS_LIMITS,
    ...options,
  });
  pools.push(created);
  return created;
}
afterAll(() => Promise.all(pools.map(p => p.close())));

// Workers load the TypeScript sources through the node transform, and the big cases
// parse megabytes: generous time, never a timed assertion.
jest.setTimeout(180_000);

const goodTree = () => treeFromEntries(Object.entries(serviceWith()));

describe('AnalysisPool', () => {
  it('analyses in a worker thread with the same result as in process', async () => {
    const result = await pool().analyze(goodTree());
    expect(result.score).toBe(98);
    expect(result.items.map(i => i.status)).toContain('pass');
  });

  it('keeps the event loop serving while it analyses 6 files of 500 KB within a 256 MB worker heap', async () => {
    const files: Record<string, string> = serviceWith();
    for (let i = 0; i < 6; i++)
      files[`app/big_${i}.py`] = largeRouterModule(500 * 1024, `b${i}`);
    const tree = treeFromEntries(Object.entries(files));
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const events: string[] = [];
    try {
      const analysis = pool({ workerMaxHeapMb: 256 })
        .analyze(tree)
        .then(result => {
          events.push('analysis done');
          return result;
        });
      // A health check sent once the analysis started is answered before it ends: the
      // analysis does not hold the event loop (in process, the answer waits for it).
      const body = await new Promise<string>((resolve, reject) => {
        http
          .get(`http://127.0.0.1:${port}/healthcheck`, res => {
            res.setEncoding('utf8');
            let data = '';
            res.on('data', chunk => (data += chunk));
            res.on('end', () => resolve(data));
          })
          .on('error', reject);
      });
      events.push('health answered');
      expect(body).toBe('ok');
      const result = await analysis;
      expect(events).toEqual(['health answered', 'analysis done']);
      expect(result.diagnostics).toEqual([]);
      expect(result.items.find(i => i.id === 'response-models')?.status).toBe(
        'pass',
      );
    } finally {
      server.close();
    }
  });

  it('ends an analysis over the time limit with an error naming it, and keeps serving with a fresh worker', async () => {
    const files: Record<string, string> = serviceWith();
    for (let i = 0; i < 6; i++)
      files[`app/big_${i}.py`] = largeRouterModule(300 * 1024, `b${i}`);
    const slow = pool({ timeoutMs: 50 });
    await expect(
      slow.analyze(treeFromEntries(Object.entries(files))),
    ).rejects.toThrow(
      'The analysis took longer than 50 ms (limit fastapiChecklist.analysis.timeout)',
    );
    const quick = pool();
    expect((await quick.analyze(goodTree())).score).toBe(98);
  });

  it('passes limit errors through from the worker, by name', async () => {
    const files: Record<string, string> = serviceWith();
    for (let i = 0; i < 3; i++)
      files[`app/big_${i}.py`] = largeRouterModule(100 * 1024, `b${i}`);
    const error = await pool({
      limits: { ...DEFAULT_ANALYSIS_LIMITS, parseTimeoutMs: 1 },
    })
      .analyze(treeFromEntries(Object.entries(files)))
      .catch(e => e);
    expect(error.name).toBe('AnalysisLimitError');
    expect(error.message).toContain(
      'limit fastapiChecklist.analysis.parseTimeout',
    );
  });

  it('runs many hostile analyses in a row and still scores a normal repository as before', async () => {
    const shared = pool();
    const hostile = treeFromEntries(
      Object.entries(serviceWith({ 'app/deep.py': deepExpression(50_000) })),
    );
    for (let run = 0; run < 5; run++)
      expect((await shared.analyze(hostile)).diagnostics).toEqual([]);
    expect((await shared.analyze(goodTree())).score).toBe(98);
  });
});

describe('readAnalysisPoolOptions', () => {
  it('reads fastapiChecklist.analysis over the defaults', () => {
    expect(
      readAnalysisPoolOptions(
        new ConfigReader({
          fastapiChecklist: {
            analysis: {
              workers: 3,
              workerMaxHeapMb: 256,
              timeout: { seconds: 30 },
              maxTotalBytes: 1000,
              parseTimeout: 'PT5S',
            },
          },
        }),
      ),
    ).toEqual({
      workers: 3,
      workerMaxHeapMb: 256,
      timeoutMs: 30_000,
      limits: {
        ...DEFAULT_ANALYSIS_LIMITS,
        maxTotalBytes: 1000,
        parseTimeoutMs: 5000,
      },
    });
    expect(readAnalysisPoolOptions(new ConfigReader({})).limits).toEqual(
      DEFAULT_ANALYSIS_LIMITS,
    );
  });

  it('fails clearly on a bad value', () => {
    expect(() =>
      readAnalysisPoolOptions(
        new ConfigReader({ fastapiChecklist: { analysis: { workers: 0 } } }),
      ),
    ).toThrow(
      'fastapiChecklist.analysis.workers must be a positive integer, got 0',
    );
  });
});
