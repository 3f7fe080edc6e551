import { checkOf, onlyModules as only } from '../__fixtures__/analyzeFixture';

/**
 * A home-made check that refuses with the standard library's status enum,
 * `HTTPException(status_code=HTTPStatus.FORBIDDEN)` or `HTTPException(HTTPStatus.UNAUTHORIZED)`,
 * refuses like one with `status.HTTP_403_FORBIDDEN` or a literal 403 (an API-key service of
 * the eleventh corpus round refused every write this way).
 */
const service = (refusal: string) =>
  only({
    'app/main.py': [
      'from http import HTTPStatus',
      '',
      'from fastapi import Depends, FastAPI, HTTPException, Request',
      '',
      'app = FastAPI()',
      '',
      'def trusted_client(request: Request) -> str:',
      '    key = request.headers.get("X-API-Key")',
      '    if key != "expected":',
      `        raise HTTPException(${refusal}, detail="unknown client")`,
      '    return key',
      '',
      '@app.post("/tasks")',
      'def create_task(name: str, client: str = Depends(trusted_client)) -> str:',
      '    return name',
    ],
  });

describe('auth: refusals with http.HTTPStatus', () => {
  it.each(['status_code=HTTPStatus.FORBIDDEN', 'HTTPStatus.UNAUTHORIZED'])(
    'counts a check that raises HTTPException(%s)',
    async refusal => {
      const item = await checkOf('auth', service(refusal));
      expect(item.status).toBe('pass');
    },
  );

  it('does not count one that raises another status (HTTPStatus.NOT_FOUND)', async () => {
    const item = await checkOf(
      'auth',
      service('status_code=HTTPStatus.NOT_FOUND'),
    );
    expect(item.status).toBe('fail');
  });
});
