import { checkOf, onlyModules as only } from '../__fixtures__/analyzeFixture';

/**
 * The credential header named by a constant, `request.headers.get(const.AUTH_KEY)` with
 * `AUTH_KEY = "X-Token"` in another module (the twelfth corpus round's ML gateway) or
 * `API_KEY_HEADER` in the same one, is read as the literal would be: a home-made check in
 * a middleware or a dependency.
 */
const writes = [
  'from fastapi import APIRouter, Depends',
  '',
  'router = APIRouter()',
  '',
  '@router.post("/predict")',
  'def predict(text: str) -> str:',
  '    return text',
];

const constants = ['AUTH_KEY = r"X-Token"', 'PUBLIC = ["/", "/status"]'];

const middleware = (header: string) => ({
  'app/tasks.py': writes,
  'app/const.py': constants,
  'app/main.py': [
    'from fastapi import FastAPI, HTTPException, Request',
    'from app import const',
    'from app.tasks import router',
    '',
    'app = FastAPI()',
    'app.include_router(router)',
    '',
    '@app.middleware("http")',
    'async def guard(request: Request, call_next):',
    '    if request.url.path in const.PUBLIC:',
    '        return await call_next(request)',
    `    if not request.headers.get(${header}):`,
    '        raise HTTPException(status_code=401, detail="missing token")',
    '    return await call_next(request)',
  ],
});

describe('auth: credential headers named by constants', () => {
  it("counts a middleware reading the header a module constant names (const.AUTH_KEY = 'X-Token')", async () => {
    const item = await checkOf('auth', only(middleware('const.AUTH_KEY')));
    expect(item.status).toBe('pass');
    expect(item.summary).toContain('home-made middleware guard');
  });

  it('does not take a constant naming another header for a credential', async () => {
    const item = await checkOf(
      'auth',
      only({
        ...middleware('const.AUTH_KEY'),
        'app/const.py': ['AUTH_KEY = "X-Client-Version"', 'PUBLIC = ["/"]'],
      }),
    );
    expect(item.status).toBe('fail');
  });

  it('counts a dependency reading the header a constant of its own module names', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tasks.py': [
          'from fastapi import APIRouter, Depends, HTTPException, Request',
          '',
          'API_KEY_HEADER = "X-API-Key"',
          '',
          'def key_check(request: Request) -> str:',
          '    key = request.headers.get(API_KEY_HEADER)',
          '    if key != "expected":',
          '        raise HTTPException(status_code=403, detail="bad key")',
          '    return key',
          '',
          'router = APIRouter(dependencies=[Depends(key_check)])',
          '',
          '@router.post("/predict")',
          'def predict(text: str) -> str:',
          '    return text',
        ],
        'app/main.py': [
          'from fastapi import FastAPI',
          'from app.tasks import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
        ],
      }),
    );
    expect(item.status).toBe('pass');
  });
});
