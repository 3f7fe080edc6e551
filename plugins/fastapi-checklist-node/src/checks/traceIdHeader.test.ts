import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

/**
 * An http middleware that makes an id per request and returns it as `X-Trace-ID` (an ML
 * gateway of the twelfth corpus round) returns a request id, as `X-Request-ID` and
 * `X-Correlation-ID` do; the id only interpolated into that middleware's own messages does
 * not reach every log line.
 */
const accessLog = (header: string) => `
import logging
import uuid

from fastapi import FastAPI, Request

log = logging.getLogger(__name__)


def observe(app: FastAPI) -> None:
    @app.middleware("http")
    async def access(request: Request, call_next):
        trace_id = str(uuid.uuid4())
        log.info(f"[{trace_id}] incoming {request.url.path}")
        response = await call_next(request)
        response.headers["${header}"] = trace_id
        return response
`;

describe('request-id: X-Trace-ID', () => {
  it('warns when X-Trace-ID is returned but no log line carries it', async () => {
    const item = await checkOf('request-id', {
      'app/observability.py': accessLog('X-Trace-ID'),
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:16 X-Request-ID set on the response',
    ]);
  });

  it('still knows nothing of other response headers', async () => {
    const item = await checkOf('request-id', {
      'app/observability.py': accessLog('X-Process-Time'),
    });
    expect(item.status).toBe('fail');
  });
});
