import {
  checkOf,
  evidenceLines,
  onlyModules,
} from '../__fixtures__/analyzeFixture';

/** fastapi-cloudauth: Cognito, Auth0 and Firebase token verifiers built on HTTPBearer. */
describe('auth through fastapi-cloudauth (issue 12)', () => {
  const service = (authLines: string[], routeLines: string[]) => ({
    'app/routers/probes.py': null,
    ...onlyModules({
      'app/auth.py': authLines,
      'app/main.py': [
        'from fastapi import Depends, FastAPI',
        'from app import auth',
        '',
        'app = FastAPI()',
        '',
        '',
        ...routeLines,
      ],
    }),
  });

  it('counts a route depending on a subclass of CognitoCurrentUser, through a function', async () => {
    const item = await checkOf(
      'auth',
      service(
        [
          'from fastapi import Depends, HTTPException, Request',
          'from fastapi_cloudauth.cognito import CognitoClaims, CognitoCurrentUser',
          '',
          '',
          'class GroupCurrentUser(CognitoCurrentUser):',
          '    async def call(self, http_auth):',
          '        return await super().call(http_auth)',
          '',
          '',
          'current_user_dep = GroupCurrentUser(region="eu", userPoolId="pool", client_id="client")',
          '',
          '',
          'async def current_user_global_dep(request: Request, user: CognitoClaims = Depends(current_user_dep)):',
          '    request.state.user = user',
          '    return user',
        ],
        [
          '@app.put("/jobs/{job_id}", dependencies=[Depends(auth.current_user_global_dep)])',
          'async def put_job(job_id: int) -> None:',
          '    return None',
          '',
          '',
          '@app.post("/jobs")',
          'async def post_job(name: str) -> str:',
          '    return name',
        ],
      ),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /jobs (post_job)'),
    ]);
  });

  it("counts Auth0's scope dependency and a Cognito verifier used directly", async () => {
    const item = await checkOf(
      'auth',
      service(
        [
          'import os',
          'from fastapi_cloudauth.auth0 import Auth0',
          'from fastapi_cloudauth.cognito import Cognito',
          '',
          'auth0 = Auth0(domain=os.environ["DOMAIN"], customAPI=os.environ["AUDIENCE"])',
          'cognito = Cognito(region="eu", userPoolId="pool")',
        ],
        [
          '@app.post("/items", dependencies=[Depends(auth.auth0.scope("write:items"))])',
          'async def add_item(name: str) -> str:',
          '    return name',
          '',
          '',
          '@app.delete("/items/{item_id}", dependencies=[Depends(auth.cognito)])',
          'async def delete_item(item_id: int) -> None:',
          '    return None',
        ],
      ),
    );
    expect(item.status).toBe('pass');
  });

  it('does not count a verifier made with auto_error=False that nobody refuses', async () => {
    const item = await checkOf(
      'auth',
      service(
        [
          'from fastapi_cloudauth.cognito import CognitoCurrentUser',
          '',
          'maybe_user = CognitoCurrentUser(region="eu", userPoolId="pool", client_id="c", auto_error=False)',
        ],
        [
          '@app.post("/items")',
          'async def add_item(name: str, user=Depends(auth.maybe_user)) -> str:',
          '    return name',
        ],
      ),
    );
    expect(item.status).toBe('fail');
  });
});
