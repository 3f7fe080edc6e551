/**
 * A large FastAPI service for scale measurements: `modules` router modules with CRUD
 * routes, models and dependencies, all included by one app.
 */
export function syntheticService(modules: number): Map<string, Buffer> {
  const files = new Map<string, string>();
  files.set('pyproject.toml', '[project]\nname = "synthetic"\n');
  files.set('app/__init__.py', '');
  files.set('app/routers/__init__.py', '');
  files.set(
    'app/deps.py',
    [
      'from typing import Annotated',
      'from fastapi import Depends',
      'from fastapi.security import OAuth2PasswordBearer',
      'oauth2 = OAuth2PasswordBearer(tokenUrl="/token")',
      'def current_user(token: Annotated[str, Depends(oauth2)]) -> str:',
      '    return token',
      'CurrentUser = Annotated[str, Depends(current_user)]',
      '',
    ].join('\n'),
  );
  const imports: string[] = [];
  const includes: string[] = [];
  for (let i = 0; i < modules; i++) {
    const name = `resource_${i}`;
    files.set(
      `app/routers/${name}.py`,
      [
        'from pydantic import BaseModel',
        'from fastapi import APIRouter',
        'from app.deps import CurrentUser',
        `router = APIRouter(prefix="/${name}", tags=["${name}"])`,
        `class ${`Thing${i}`}(BaseModel):`,
        '    name: str',
        '    size: int = 0',
        '@router.get("/")',
        `def list_${i}(offset: int = 0, limit: int = 100) -> list[Thing${i}]:`,
        '    return []',
        '@router.post("/")',
        `def create_${i}(body: Thing${i}, user: CurrentUser) -> Thing${i}:`,
        '    return body',
        '@router.delete("/{item_id}")',
        `def delete_${i}(item_id: int, user: CurrentUser) -> None:`,
        '    return None',
        '',
      ].join('\n'),
    );
    imports.push(`from app.routers import ${name}`);
    includes.push(`app.include_router(${name}.router, prefix="/api")`);
  }
  files.set(
    'app/main.py',
    [
      'from fastapi import FastAPI',
      ...imports,
      'app = FastAPI()',
      ...includes,
      '',
    ].join('\n'),
  );
  return new Map([...files].map(([p, c]) => [p, Buffer.from(c)]));
}
