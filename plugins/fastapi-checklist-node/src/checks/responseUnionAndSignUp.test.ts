import {
  checkOf,
  evidenceLines,
  onlyModules,
} from '../__fixtures__/analyzeFixture';

const service = (lines: string[]) => ({
  'app/routers/probes.py': null,
  ...onlyModules({ 'app/main.py': lines }),
});

describe('response-models: response_model=None beside a union of Response classes (issue 12)', () => {
  it('takes `-> FileResponse | StreamingResponse` (and Union[…]) for a Response return', async () => {
    const item = await checkOf(
      'response-models',
      service([
        'from typing import Union',
        '',
        'from fastapi import FastAPI',
        'from fastapi.responses import FileResponse, Response, StreamingResponse',
        '',
        'app = FastAPI()',
        '',
        '',
        '@app.get("/files/{path}", response_model=None, response_class=Response)',
        'def download(path: str) -> FileResponse | StreamingResponse:',
        '    return FileResponse(path)',
        '',
        '',
        '@app.get("/exports/{path}", response_model=None)',
        'def export(path: str) -> Union[FileResponse, StreamingResponse]:',
        '    return FileResponse(path)',
        '',
        '',
        '@app.get("/items/{item_id}", response_model=None)',
        'def item(item_id: int) -> dict | FileResponse:',
        '    return {}',
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('GET /items/{item_id} (item)'),
    ]);
  });
});

describe('rate-limit: a sign-up taking the OAuth2 password form is not a login (issue 12)', () => {
  it('names only the routes that issue a token', async () => {
    const item = await checkOf(
      'rate-limit',
      service([
        'from fastapi import Depends, FastAPI',
        'from fastapi.security import OAuth2PasswordRequestForm',
        '',
        'app = FastAPI()',
        '',
        '',
        '@app.post("/user")',
        'def register_user(user: OAuth2PasswordRequestForm = Depends()) -> str:',
        '    return user.username',
        '',
        '',
        '@app.post("/token")',
        'def get_token(login: OAuth2PasswordRequestForm = Depends()) -> dict[str, str]:',
        '    return {"access_token": "t"}',
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /token (get_token)'),
    ]);
  });
});
