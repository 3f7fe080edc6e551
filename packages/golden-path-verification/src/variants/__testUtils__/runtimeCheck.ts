import { randomBytes } from 'node:crypto';
import { StepContext, StepError } from './runStep';
import { RunningServer } from './server';

type OpenApiPaths = { paths?: Record<string, unknown> };

/** The headers every response of a generated service carries (app/security_headers.py). */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** The login limit a generated service ships with (LOGIN_RATE_LIMIT's default). */
export const LOGIN_LIMIT = 10;

const REQUEST_ID = /^[0-9a-f]{32}$/;
const LOG_WAIT_MS = 5_000;

/**
 * What the running service promises beyond its API, checked over HTTP and in its output:
 * probes, request ids (echoed, generated, in a log line), security headers (HSTS only
 * over HTTPS), the Prometheus scrape counting a request under its route template, and,
 * with authentication, 429 with Retry-After once a client passes the login limit.
 * Returns a short note for the summary.
 */
export async function checkRuntime(
  ctx: StepContext,
  server: RunningServer,
  options: { document: OpenApiPaths; auth: boolean; workers: number },
): Promise<string> {
  const fail = (what: string, reason: string, detail = ''): never => {
    throw new StepError(ctx.variant, 'runtime', what, detail, reason);
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.baseUrl}${path}`, { headers });
    return { response, body: await response.text() };
  };

  // Probes.
  for (const path of ['/health/live', '/health/ready']) {
    const { response, body } = await get(path);
    if (response.status !== 200 || JSON.parse(body).status !== 'ok')
      fail(`GET ${path}`, `answered ${response.status}, not 200 ok`, body);
  }

  // Request ids: a given one comes back, a missing one is generated, and the given one
  // is in a log line of the request (the service logs JSON in production).
  const given = `variant-suite-${randomBytes(8).toString('hex')}`;
  const echoed = await get('/health/live', { 'x-request-id': given });
  if (echoed.response.headers.get('x-request-id') !== given)
    fail(
      'GET /health/live with X-Request-ID',
      `X-Request-ID came back as ${echoed.response.headers.get(
        'x-request-id',
      )}, not ${given}`,
    );
  const generated = (await get('/health/live')).response.headers.get(
    'x-request-id',
  );
  if (!REQUEST_ID.test(generated ?? ''))
    fail(
      'GET /health/live without X-Request-ID',
      `no generated X-Request-ID (got ${generated})`,
    );
  const logged = await waitForLogLine(server, given);
  if (!logged)
    fail(
      `the server's log after GET /health/live with X-Request-ID: ${given}`,
      `no JSON log line with request_id ${given} within ${
        LOG_WAIT_MS / 1000
      } s`,
      server.output().slice(-4000),
    );

  // Security headers, on an answered route and on an unknown path; HSTS over HTTPS only
  // (the harness is a trusted proxy on 127.0.0.1 for uvicorn's --proxy-headers).
  for (const path of ['/health/live', '/no-such-route']) {
    const { response } = await get(path);
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (response.headers.get(name) !== value)
        fail(
          `GET ${path}`,
          `${name} is ${response.headers.get(name)}, not ${value}`,
        );
    if (response.headers.has('strict-transport-security'))
      fail(`GET ${path}`, 'Strict-Transport-Security sent over plain HTTP');
  }
  const https = await get('/health/live', { 'x-forwarded-proto': 'https' });
  if (
    !/^max-age=\d+/.test(
      https.response.headers.get('strict-transport-security') ?? '',
    )
  )
    fail(
      'GET /health/live with X-Forwarded-Proto: https',
      'no Strict-Transport-Security over HTTPS',
    );

  // Metrics: a request to a route with a path parameter is counted under the template.
  const itemRoute = Object.keys(options.document.paths ?? {}).find(
    path => /^\/[^/]+\/\{\w+_id\}$/.test(path) && !path.startsWith('/users/'),
  );
  if (!itemRoute)
    fail('GET /openapi.json', 'no resource route with an id in the document');
  const missing = itemRoute!.replace(/\{\w+\}/, '2147483647');
  const before = requestCount(
    (await get('/metrics')).body,
    'GET',
    itemRoute!,
    '404',
  );
  const { response: notFound } = await get(missing);
  if (notFound.status !== 404)
    fail(`GET ${missing}`, `answered ${notFound.status}, not 404`);
  // A worker counts a request just after answering it: allow it a moment.
  const deadline = performance.now() + 2_000;
  for (;;) {
    const scrape = await get('/metrics');
    if (!scrape.response.headers.get('content-type')?.startsWith('text/plain'))
      fail('GET /metrics', 'not the Prometheus text format', scrape.body);
    const after = requestCount(scrape.body, 'GET', itemRoute!, '404');
    if (after === before + 1) break;
    if (after > before + 1 || performance.now() > deadline)
      fail(
        `GET ${missing}, then GET /metrics`,
        `http_requests_total{method="GET",route="${itemRoute}",status="404"} went from ${before} to ${after}, not by 1 (every worker's requests must be counted)`,
        scrape.body.slice(0, 4000),
      );
    await new Promise(resolve => setTimeout(resolve, 100));
  }

  const notes = ['probes, request id, headers, metrics'];
  if (options.auth)
    notes.push(await checkLoginLimit(ctx, server, options.workers));
  return notes.join('; ');
}

/** The value of http_requests_total for these labels in a Prometheus text scrape (0 when absent). */
export function requestCount(
  scrape: string,
  method: string,
  route: string,
  status: string,
): number {
  const labels = `method="${method}",route="${route}",status="${status}"`;
  for (const line of scrape.split('\n')) {
    if (line.startsWith(`http_requests_total{${labels}} `))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

async function waitForLogLine(
  server: RunningServer,
  requestId: string,
): Promise<boolean> {
  const deadline = performance.now() + LOG_WAIT_MS;
  for (;;) {
    const found = server
      .output()
      .split('\n')
      .some(line => {
        if (!line.startsWith('{')) return false;
        try {
          return JSON.parse(line).request_id === requestId;
        } catch {
          return false;
        }
      });
    if (found || performance.now() > deadline) return found;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * Wrong passwords from one client address (X-Forwarded-For, trusted from 127.0.0.1) until
 * 429: none before LOGIN_LIMIT attempts; one by LOGIN_LIMIT × workers + 1 at the latest
 * (memory:// counts per worker process). Then another address may still try.
 */
async function checkLoginLimit(
  ctx: StepContext,
  server: RunningServer,
  workers: number,
): Promise<string> {
  const attempt = (client: string) =>
    fetch(`${server.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'x-forwarded-for': client },
      body: new URLSearchParams({
        username: 'nobody@example.com',
        password: 'wrong-password',
      }),
    });
  const client = `203.0.113.${1 + (randomBytes(1)[0] % 250)}`;
  const most = LOGIN_LIMIT * workers + 1;
  for (let n = 1; n <= most; n++) {
    const response = await attempt(client);
    const body = await response.text();
    if (response.status === 401) continue;
    const what = `POST /auth/token, attempt ${n} from ${client}`;
    if (response.status !== 429)
      throw new StepError(
        ctx.variant,
        'runtime',
        what,
        body,
        `answered ${response.status}`,
      );
    if (n <= LOGIN_LIMIT)
      throw new StepError(
        ctx.variant,
        'runtime',
        what,
        body,
        `429 before the limit of ${LOGIN_LIMIT} attempts`,
      );
    const retryAfter = Number(response.headers.get('retry-after'));
    if (!(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60))
      throw new StepError(
        ctx.variant,
        'runtime',
        what,
        body,
        `Retry-After is ${response.headers.get('retry-after')}, not 1-60 s`,
      );
    if (JSON.parse(body).code !== 'too_many_requests')
      throw new StepError(
        ctx.variant,
        'runtime',
        what,
        body,
        'not the service error body',
      );
    const other = await attempt('198.51.100.7');
    if (other.status !== 401)
      throw new StepError(
        ctx.variant,
        'runtime',
        'POST /auth/token from another client address',
        await other.text(),
        `answered ${other.status}, not 401: the limit is not per client`,
      );
    return `429 after ${n - 1} logins, Retry-After ${retryAfter}s`;
  }
  throw new StepError(
    ctx.variant,
    'runtime',
    `POST /auth/token × ${most} from ${client}`,
    '',
    `no 429 after ${most} attempts (limit ${LOGIN_LIMIT}, ${workers} workers)`,
  );
}
