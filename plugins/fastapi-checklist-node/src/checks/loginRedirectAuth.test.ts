import {
  checkOf,
  evidenceLines,
  onlyModules as only,
} from '../__fixtures__/analyzeFixture';

describe('auth: a session dependency refusing with a redirect to the login page (issue 12)', () => {
  const sessions = (refusal: string[]) => [
    'from fastapi import Cookie, Depends, HTTPException, Request, status',
    '',
    'from app.store import find_session',
    '',
    '',
    'async def get_session(token: str | None = Cookie(None, alias="sid")) -> dict | None:',
    '    if token is None:',
    '        return None',
    '    return find_session(token)',
    '',
    '',
    'async def get_session_or_login(',
    '    request: Request, session: dict | None = Depends(get_session)',
    ') -> dict:',
    '    if session is None:',
    ...refusal,
    '    return session',
    '',
    '',
    'async def get_profile_user(session: dict = Depends(get_session_or_login)) -> str:',
    '    return session["user"]',
  ];
  const service = (refusal: string[]) =>
    only({
      'app/sessions.py': sessions(refusal),
      'app/store.py': ['def find_session(key: str) -> dict:', '    return {}'],
      'app/main.py': [
        'from fastapi import Depends, FastAPI',
        'from app.sessions import get_profile_user',
        '',
        'app = FastAPI()',
        '',
        '',
        '@app.api_route("/profile", methods=["GET", "POST"])',
        'async def update_profile(user: str = Depends(get_profile_user)) -> str:',
        '    return user',
        '',
        '',
        '@app.post("/newsletter")',
        'async def subscribe(email: str) -> str:',
        '    return email',
      ],
    });

  it('counts a write whose session dependency raises a 307 to the login page', async () => {
    const item = await checkOf(
      'auth',
      service([
        '        raise HTTPException(',
        '            status_code=status.HTTP_307_TEMPORARY_REDIRECT,',
        '            headers={"Location": str(request.url_for("auth:login"))},',
        '        )',
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /newsletter (subscribe)'),
    ]);
  });

  it('counts a positional 302 to /login too', async () => {
    const item = await checkOf(
      'auth',
      service([
        '        raise HTTPException(302, headers={"Location": "/login?next=/profile"})',
      ]),
    );
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /newsletter (subscribe)'),
    ]);
  });

  it('does not count a redirect elsewhere, or a returned redirect response', async () => {
    for (const refusal of [
      [
        '        raise HTTPException(status_code=307, headers={"Location": "/welcome"})',
      ],
      [
        '        from fastapi.responses import RedirectResponse',
        '        return RedirectResponse("/login", status_code=307)',
      ],
    ]) {
      const item = await checkOf('auth', service(refusal));
      expect(evidenceLines(item)).toEqual([
        expect.stringContaining('POST /profile (update_profile)'),
        expect.stringContaining('POST /newsletter (subscribe)'),
      ]);
    }
  });
});
