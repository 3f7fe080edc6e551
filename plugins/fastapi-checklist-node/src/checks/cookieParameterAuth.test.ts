import {
  checkOf,
  evidenceLines,
  onlyModules as only,
} from '../__fixtures__/analyzeFixture';

describe('auth: a session cookie read through a Cookie() parameter (issue 12)', () => {
  const sessions = [
    'from typing import Annotated',
    '',
    'from fastapi import Cookie, Depends, HTTPException',
    '',
    'from app.store import find_session',
    '',
    '',
    'async def get_session(',
    '    app_session: Annotated[str | None, Cookie()] = None,',
    ') -> dict:',
    '    if not app_session:',
    '        raise HTTPException(status_code=401, detail="No active session")',
    '    return find_session(app_session)',
    '',
    '',
    'SessionDep = Annotated[dict, Depends(get_session)]',
    '',
    '',
    'async def get_project_session(session: SessionDep) -> dict:',
    '    return session["project"]',
    '',
    '',
    'ProjectSessionDep = Annotated[dict, Depends(get_project_session)]',
  ];

  it('counts writes whose dependency chain of Annotated aliases ends in the cookie check', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/sessions.py': sessions,
        'app/store.py': [
          'def find_session(key: str) -> dict:',
          '    return {}',
        ],
        'app/main.py': [
          'from fastapi import FastAPI',
          'from app.sessions import ProjectSessionDep, SessionDep',
          '',
          'app = FastAPI()',
          '',
          '',
          '@app.post("/project/lock")',
          'async def lock(session: ProjectSessionDep) -> str:',
          '    return "locked"',
          '',
          '',
          '@app.delete("/project")',
          'async def close(session: SessionDep) -> str:',
          '    return "closed"',
          '',
          '',
          '@app.post("/match")',
          'async def match(name: str) -> str:',
          '    return name',
        ],
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /match (match)'),
    ]);
  });

  it('does not count a cookie read by a dependency that never refuses', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import Cookie, Depends, FastAPI',
          '',
          'def theme(theme: str | None = Cookie(None)) -> str:',
          '    return theme or "light"',
          '',
          'app = FastAPI()',
          '',
          '',
          '@app.post("/notes")',
          'async def add_note(text: str, look: str = Depends(theme)) -> str:',
          '    return text',
        ],
      }),
    );
    expect(item.status).toBe('fail');
  });
});
