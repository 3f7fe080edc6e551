import {
  checkOf,
  evidenceLines,
  onlyModules,
} from '../__fixtures__/analyzeFixture';

/** fastapi-keycloak-middleware: a middleware refusing requests without a valid token. */
describe('auth through fastapi-keycloak-middleware (issue 12)', () => {
  const routes = [
    '',
    '',
    '@app.post("/items")',
    'async def add_item(name: str) -> str:',
    '    return name',
    '',
    '',
    '@app.post("/public/feedback")',
    'async def feedback(text: str) -> str:',
    '    return text',
  ];
  const service = (mainLines: string[]) => ({
    'app/routers/probes.py': null,
    ...onlyModules({ 'app/main.py': mainLines }),
  });

  it('counts the routes KeycloakMiddleware covers, not those its exclude_patterns leave out', async () => {
    const item = await checkOf(
      'auth',
      service([
        'from fastapi import FastAPI',
        'from fastapi_keycloak_middleware import KeycloakConfiguration, KeycloakMiddleware',
        '',
        'app = FastAPI()',
        'config = KeycloakConfiguration(url="https://sso", realm="r", client_id="c")',
        'app.add_middleware(KeycloakMiddleware, keycloak_configuration=config, exclude_patterns=["/public/", "/docs"])',
        ...routes,
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /public/feedback (feedback)'),
    ]);
  });

  it('counts every route under setup_keycloak_middleware and under an instance wrapping the app', async () => {
    const setUp = await checkOf(
      'auth',
      service([
        'from fastapi import FastAPI',
        'from fastapi_keycloak_middleware import KeycloakConfiguration, setup_keycloak_middleware',
        '',
        'app = FastAPI()',
        'setup_keycloak_middleware(app, keycloak_configuration=KeycloakConfiguration(url="https://sso", realm="r", client_id="c"))',
        ...routes,
      ]),
    );
    expect(setUp.status).toBe('pass');
    expect(setUp.summary).toContain(
      "through the authentication library's middleware setup_keycloak_middleware",
    );
    const wrapped = await checkOf(
      'auth',
      service([
        'from fastapi import FastAPI',
        'from fastapi_keycloak_middleware import KeycloakConfiguration, KeycloakMiddleware',
        '',
        'base_app = FastAPI()',
        'config = KeycloakConfiguration(url="https://sso", realm="r", client_id="c")',
        'application = KeycloakMiddleware(app=base_app, keycloak_configuration=config, exclude_patterns=[])',
        ...routes.map(line => line.replace('@app.', '@base_app.')),
      ]),
    );
    expect(wrapped.status).toBe('pass');
  });

  it('leaves a route uncounted when exclude_patterns cannot be read', async () => {
    const item = await checkOf(
      'auth',
      service([
        'from fastapi import FastAPI',
        'from fastapi_keycloak_middleware import KeycloakConfiguration, KeycloakMiddleware',
        'from app.config import PUBLIC',
        '',
        'app = FastAPI()',
        'config = KeycloakConfiguration(url="https://sso", realm="r", client_id="c")',
        'app.add_middleware(KeycloakMiddleware, keycloak_configuration=config, exclude_patterns=PUBLIC)',
        ...routes,
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toHaveLength(2);
  });

  it("counts a role dependency that takes the library's get_user and refuses a missing user", async () => {
    const item = await checkOf(
      'auth',
      service([
        'from fastapi import Depends, FastAPI, HTTPException',
        'from fastapi_keycloak_middleware import FastApiUser, get_auth, get_user',
        '',
        '',
        'class RoleCheck:',
        '    def __init__(self, role: str):',
        '        self.role = role',
        '',
        '    async def __call__(self, user: FastApiUser = Depends(get_user), auth=Depends(get_auth)):',
        '        if not user or not user.is_authenticated:',
        '            raise HTTPException(status_code=401, detail="Not authenticated")',
        '        if self.role not in (auth or []):',
        '            raise HTTPException(status_code=403)',
        '        return user',
        '',
        '',
        'app = FastAPI()',
        '',
        '',
        '@app.post("/items", dependencies=[Depends(RoleCheck("create"))])',
        'async def add_item(name: str) -> str:',
        '    return name',
      ]),
    );
    expect(item.status).toBe('pass');
  });
});
