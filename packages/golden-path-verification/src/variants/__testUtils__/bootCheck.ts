import fs from 'node:fs';
import path from 'node:path';
import { jsonDifferences } from './jsonDiff';
import { containerCommand, optionValue, withPort } from './dockerCommand';
import { runStep, StepContext, StepError } from './runStep';
import { freePort, RunningServer, startServer } from './server';

type OpenApiDocument = {
  openapi?: string;
  paths?: Record<string, Record<string, { operationId?: string }>>;
};

/**
 * Starts the rendered service with exactly its Dockerfile's final command (ENTRYPOINT +
 * CMD, `--workers` included) from the repository directory, with the final stage's ENV
 * applied, then `extraEnv` (the variant's database and secrets). Only the port changes:
 * see withPort. Resolves when GET /health answers 200.
 */
export async function bootFromDockerfile(
  ctx: StepContext,
  extraEnv: Record<string, string>,
): Promise<RunningServer & { workers?: string }> {
  const dockerfile = fs.readFileSync(path.join(ctx.cwd, 'Dockerfile'), 'utf8');
  const container = containerCommand(dockerfile);
  // PATH points at the image's /opt/venv; the harness's virtualenv takes its place.
  // Container-only paths (DATABASE_URL under /app/data) are replaced by extraEnv.
  const { PATH: _imagePath, ...imageEnv } = container.env;
  const shownEnv = { ...imageEnv, ...extraEnv };
  const port = await freePort();
  const server = await startServer({
    variant: ctx.variant,
    args: withPort(container.args, port),
    cwd: ctx.cwd,
    env: { ...ctx.env, ...shownEnv },
    shownEnv,
    port,
  });
  return { ...server, workers: optionValue(container.args, '--workers') };
}

/** GET /openapi.json: must be an OpenAPI 3 document that openapi-spec-validator accepts. */
export async function checkOpenApi(
  ctx: StepContext,
  server: RunningServer,
  workDir: string,
): Promise<OpenApiDocument> {
  const url = `${server.baseUrl}/openapi.json`;
  const response = await fetch(url);
  const text = await response.text();
  const command = `GET ${url}`;
  if (response.status !== 200)
    throw new StepError(
      ctx.variant,
      'openapi',
      command,
      text,
      `status ${response.status}`,
    );
  const document = JSON.parse(text) as OpenApiDocument;
  if (!/^3\.\d+\.\d+$/.test(document.openapi ?? ''))
    throw new StepError(
      ctx.variant,
      'openapi',
      command,
      text.slice(0, 2000),
      `"openapi" is ${JSON.stringify(
        document.openapi,
      )}, not an OpenAPI 3 version`,
    );
  const file = path.join(workDir, 'openapi.served.json');
  fs.writeFileSync(file, text);
  await runStep(ctx, 'openapi', ['openapi-spec-validator', file], {
    timeoutMs: 60_000,
  });
  return document;
}

/**
 * The repository's committed openapi.json (rendered from the skeleton) must be exactly the
 * document the running app serves: same JSON, key order aside.
 */
export function checkCommittedOpenApi(
  ctx: StepContext,
  served: OpenApiDocument,
): void {
  const file = path.join(ctx.cwd, 'openapi.json');
  const command = `compare openapi.json with GET /openapi.json`;
  if (!fs.existsSync(file))
    throw new StepError(
      ctx.variant,
      'openapi.json',
      command,
      '',
      'the generated repository has no openapi.json',
    );
  let committed: unknown;
  try {
    committed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StepError(
      ctx.variant,
      'openapi.json',
      command,
      fs.readFileSync(file, 'utf8').slice(0, 5000),
      `openapi.json is not JSON: ${(error as Error).message}`,
    );
  }
  const differences = jsonDifferences(committed, served);
  if (differences.length)
    throw new StepError(
      ctx.variant,
      'openapi.json',
      command,
      differences.join('\n'),
      `openapi.json differs from the served document in ${differences.length}${
        differences.length >= 50 ? '+' : ''
      } places`,
    );
}

/**
 * Signs a fresh user up and logs in through the API: a bearer token for the fuzzer.
 * A request that gets no answer at all (undici's "fetch failed": a pooled keep-alive
 * connection the server closed just as it was reused) is retried once with a new user;
 * a second one fails the step with the server's output.
 */
export async function signUpAndLogIn(
  ctx: StepContext,
  server: RunningServer,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await signUpAndLogInAs(
        ctx,
        server,
        `fuzzer-${attempt}@example.com`,
      );
    } catch (error) {
      if (error instanceof StepError) throw error;
      if (attempt === 2)
        throw new StepError(
          ctx.variant,
          'schemathesis',
          `POST ${server.baseUrl}/auth/signup, /auth/token`,
          server.output().slice(-4000),
          `no answer: ${String((error as Error).cause ?? error)}`,
        );
    }
  }
}

async function signUpAndLogInAs(
  ctx: StepContext,
  server: RunningServer,
  email: string,
): Promise<string> {
  const password = 'fuzzing-password-long-enough';
  const signup = await fetch(`${server.baseUrl}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (signup.status !== 201)
    throw new StepError(
      ctx.variant,
      'schemathesis',
      `POST ${server.baseUrl}/auth/signup`,
      await signup.text(),
      `sign-up answered ${signup.status}, not 201`,
    );
  const login = await fetch(`${server.baseUrl}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ username: email, password }),
  });
  const body = await login.text();
  if (login.status !== 200)
    throw new StepError(
      ctx.variant,
      'schemathesis',
      `POST ${server.baseUrl}/auth/token`,
      body,
      `login answered ${login.status}, not 200`,
    );
  return (JSON.parse(body) as { access_token: string }).access_token;
}

/**
 * schemathesis against the running app's own /openapi.json: every phase that needs no
 * links (examples, coverage, fuzzing), positive and negative data, a fixed seed so a
 * failure reproduces. Checks: no 5xx, responses (body, content type, headers) match the
 * schema. With a token, every request carries it, and the operation deleting the
 * signed-in account is left out (it would turn the rest of the run into 401s).
 */
export async function runSchemathesis(
  ctx: StepContext,
  server: RunningServer,
  document: OpenApiDocument,
  options: {
    token?: string;
    seed: number;
    maxExamples: number;
    workDir: string;
  },
): Promise<string> {
  const args = [
    'schemathesis',
    '--no-color',
    'run',
    `${server.baseUrl}/openapi.json`,
    '--checks',
    'not_a_server_error,response_schema_conformance,content_type_conformance,response_headers_conformance',
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.seed),
    // One worker: schemathesis's worker threads make CPython 3.11's ast.parse (which
    // hypothesis calls to describe filters) fail with "AST constructor recursion depth
    // mismatch", a crash of the tool rather than a finding about the API.
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--generation-database',
    'none',
    '--report-dir',
    path.join(options.workDir, 'schemathesis-report'),
  ];
  if (options.token) {
    args.push('--header', `Authorization: Bearer ${options.token}`);
    const deleteMe = document.paths?.['/users/me']?.delete?.operationId;
    if (deleteMe) args.push('--exclude-operation-id', deleteMe);
  }
  return runStep({ ...ctx, cwd: options.workDir }, 'schemathesis', args, {
    timeoutMs: 240_000,
  });
}
