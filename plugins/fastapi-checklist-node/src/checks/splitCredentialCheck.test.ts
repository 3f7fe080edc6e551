import {
  checkOf,
  evidenceLines,
  onlyModules as only,
} from '../__fixtures__/analyzeFixture';

const AUTH_UTILS = [
  'from fastapi import HTTPException, Request',
  'from app.tokens import decode_user',
  '',
  'class AuthUtils:',
  '    @staticmethod',
  '    def get_jwt(request: Request) -> str | None:',
  '        return request.cookies.get("access_token")',
  '',
  '    @staticmethod',
  '    def get_current_user(request: Request) -> dict[str, str]:',
  '        token = AuthUtils.get_jwt(request)',
  '        return AuthUtils.user_from_jwt(token)',
  '',
  '    @staticmethod',
  '    def user_from_jwt(token: str | None) -> dict[str, str]:',
  '        refused = HTTPException(status_code=401, detail="Could not validate credentials")',
  '        return decode_user(token, refused)',
];

describe('auth: a credential check split over the methods a dependency calls (corpus, eighth round)', () => {
  it('counts a static-method dependency reading the cookie in one helper and refusing in another', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tokens.py': [
          'def decode_user(token: str | None, refused: Exception) -> dict[str, str]:',
          '    if not token:',
          '        raise refused',
          '    return {"sub": token}',
        ],
        'app/auth_utils.py': AUTH_UTILS,
        'app/main.py': [
          'from fastapi import Depends, FastAPI',
          'from app.auth_utils import AuthUtils',
          '',
          'app = FastAPI()',
          '',
          '@app.post("/notes")',
          'def create_note(text: str, user: dict[str, str] = Depends(AuthUtils.get_current_user)) -> str:',
          '    return text',
          '',
          '@app.post("/test/accept/{note_id}")',
          'def accept(note_id: int) -> int:',
          '    return note_id',
        ],
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining(
        'POST /test/accept/{note_id} (accept) has no auth dependency',
      ),
    ]);
  });

  it('does not count a dependency whose helpers read a cookie but never refuse', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tokens.py': [
          'def decode_user(token: str | None, refused: Exception) -> dict[str, str]:',
          '    return {"sub": token or "anonymous"}',
        ],
        'app/auth_utils.py': AUTH_UTILS.map(line =>
          line.replace('status_code=401, ', ''),
        ),
        'app/main.py': [
          'from fastapi import Depends, FastAPI',
          'from app.auth_utils import AuthUtils',
          '',
          'app = FastAPI()',
          '',
          '@app.post("/notes")',
          'def create_note(text: str, user: dict[str, str] = Depends(AuthUtils.get_current_user)) -> str:',
          '    return text',
        ],
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /notes (create_note) is public'),
    ]);
  });
});
