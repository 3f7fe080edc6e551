import {
  checkOf,
  evidenceLines,
  onlyModules as only,
} from '../__fixtures__/analyzeFixture';

describe("auth: a session kept by Starlette's SessionMiddleware (issue 12)", () => {
  it('counts a dependency reading request.session and raising 401 as a home-made check', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/sessions.py': [
          'from fastapi import HTTPException, Request',
          '',
          'async def validate_session(request: Request) -> None:',
          '    try:',
          '        request.session["user_id"]',
          '    except KeyError:',
          '        raise HTTPException(status_code=401, detail="No session")',
        ],
        'app/main.py': [
          'from fastapi import APIRouter, Depends, FastAPI',
          'from starlette.middleware.sessions import SessionMiddleware',
          'from app.sessions import validate_session',
          '',
          'router = APIRouter(prefix="/parties", dependencies=[Depends(validate_session)])',
          '',
          '@router.post("/party")',
          'def create_party(name: str) -> str:',
          '    return name',
          '',
          'app = FastAPI()',
          'app.add_middleware(SessionMiddleware, secret_key="from-env")',
          'app.include_router(router)',
        ],
      }),
    );
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/sessions.py:3 home-made credential check (not documented in OpenAPI)',
    ]);
  });

  it('does not count a database session read by a dependency that refuses with 403', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import Depends, FastAPI, HTTPException',
          'from app.db import Store',
          '',
          'def load_party(store: Store, party_id: int) -> str:',
          '    party = store.session.get(party_id)',
          '    if party is None:',
          '        raise HTTPException(status_code=403)',
          '    return party',
          '',
          'app = FastAPI()',
          '',
          '@app.post("/parties/{party_id}", dependencies=[Depends(load_party)])',
          'def rename(party_id: int, name: str) -> str:',
          '    return name',
        ],
      }),
    );
    expect(item.status).toBe('fail');
  });
});
