import { analyzeFiles } from './__fixtures__/analyzeFixture';

describe('service roots', () => {
  it('takes a setup.py module inside a package for code, not for a project marker', async () => {
    const result = await analyzeFiles({
      'pyproject.toml': '[project]\nname = "shop"\n',
      'src/app/__init__.py': '',
      'src/app/core/__init__.py': '',
      'src/app/core/setup.py':
        'from fastapi import FastAPI\n\n\ndef create_application() -> FastAPI:\n    return FastAPI()\n',
      'src/app/main.py':
        'from fastapi import APIRouter\nfrom .core.setup import create_application\n\nrouter = APIRouter()\napp = create_application()\napp.include_router(router)\n\n\n@router.get("/health")\ndef health() -> dict[str, str]:\n    return {}\n',
    });
    expect(result.serviceRoots).toEqual(['']);
    expect(result.items.find(i => i.id === 'health')?.status).toBe('pass');
  });

  it('still takes a setuptools setup.py outside a package for a project root', async () => {
    const result = await analyzeFiles({
      'services/api/setup.py': 'from setuptools import setup\nsetup()\n',
      'services/api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(result.serviceRoots).toEqual(['services/api']);
  });
  it("follows imports written relative to a source folder (the image's WORKDIR)", async () => {
    const result = await analyzeFiles({
      'pyproject.toml': '[project]\nname = "collector"\n',
      'collector/__init__.py': '',
      'collector/main.py':
        'from fastapi import FastAPI\nfrom routers.events import router\n\napp = FastAPI()\napp.include_router(router)\n',
      'collector/routers/__init__.py': '',
      'collector/routers/events.py':
        'from fastapi import APIRouter\nfrom pydantic import BaseModel\n\nrouter = APIRouter()\n\n\nclass Event(BaseModel):\n    name: str\n\n\n@router.post("/events")\ndef collect(event: Event) -> None:\n    return None\n',
    });
    expect(result.serviceRoots).toEqual(['']);
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('fail');
    expect(auth?.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'collector/routers/events.py:12',
    ]);
  });

  it('follows them into a subfolder without __init__.py (a namespace package)', async () => {
    const result = await analyzeFiles({
      'requirements.txt': 'fastapi==0.115.0\n',
      'app/main.py':
        'from fastapi import FastAPI\nfrom routers.notes import router\n\napp = FastAPI()\napp.include_router(router, prefix="/notes")\n',
      'app/routers/notes.py':
        'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.post("/{note_id}")\ndef save(note_id: str) -> str:\n    return note_id\n',
    });
    expect(result.serviceRoots).toEqual(['']);
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('fail');
    expect(auth?.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'app/routers/notes.py:7',
    ]);
  });

  it('follows them into a folder holding a package of its own name (folder/app/app, run from the folder)', async () => {
    // shop/ has no __init__.py; shop/shop/ is the package its code imports as `shop.…`.
    const result = await analyzeFiles({
      'requirements.txt': 'fastapi==0.115.0\n',
      'shop/shop/__init__.py': '',
      'shop/shop/main.py':
        'from fastapi import FastAPI\nfrom shop.api.orders import router\n\napp = FastAPI()\napp.include_router(router, prefix="/orders")\n',
      'shop/shop/api/__init__.py': '',
      'shop/shop/api/orders.py':
        'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.post("/{order_id}")\ndef cancel(order_id: str) -> str:\n    return order_id\n',
    });
    expect(result.serviceRoots).toEqual(['']);
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('fail');
    expect(auth?.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'shop/shop/api/orders.py:7',
    ]);
  });

  it('gives a service the tests of a tests-only root above its folder (`from src.main import app`)', async () => {
    const result = await analyzeFiles({
      'test-requirements.txt': 'pytest==8.3.5\nhttpx==0.28.1\n',
      'src/requirements.txt': 'fastapi==0.115.0\n',
      'src/main.py':
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/books")\ndef books() -> list[str]:\n    return []\n',
      'tests/conftest.py':
        'import pytest\nfrom httpx import ASGITransport, AsyncClient\nfrom src.main import app\n\n\n@pytest.fixture\nasync def ac():\n    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:\n        yield client\n',
      'tests/test_books.py':
        'async def test_books(ac):\n    assert (await ac.get("/books")).status_code == 200\n',
    });
    expect(result.serviceRoots).toEqual(['src']);
    expect(result.items.find(i => i.id === 'tests')?.status).toBe('pass');
  });

  it('takes a package folder holding its own requirements file for code of the project above it', async () => {
    // backend/requirements.txt beside backend/__init__.py, and the package importing
    // itself as `backend.…`: it runs from the repository root (`uvicorn backend.main:app`).
    const result = await analyzeFiles({
      'pyproject.toml': '[tool.poetry]\nname = "reviews"\n',
      'backend/__init__.py': '',
      'backend/requirements.txt': 'fastapi>=0.70,<0.71\n',
      'backend/main.py':
        'from fastapi import FastAPI\nfrom backend.notes import router\n\napp = FastAPI()\napp.include_router(router)\n',
      'backend/notes.py':
        'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.post("/notes")\ndef save(text: str) -> str:\n    return text\n',
    });
    expect(result.serviceRoots).toEqual(['']);
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('fail');
    expect(auth?.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'backend/notes.py:7',
    ]);
  });

  it('follows a service folder that imports itself by its own name when no project is above it', async () => {
    // backend/pyproject.toml beside backend/__init__.py, run from the repository root
    // (`fastapi dev backend/main.py`): its modules import each other as `backend.…`.
    const result = await analyzeFiles({
      'backend/pyproject.toml': '[project]\nname = "grids"\n',
      'backend/__init__.py': '',
      'backend/main.py':
        'from fastapi import FastAPI\nfrom backend.api import notes\n\napp = FastAPI()\napp.include_router(notes.router)\n',
      'backend/api/__init__.py': '',
      'backend/api/notes.py':
        'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/notes")\n\n\n@router.delete("/{note_id}")\ndef remove(note_id: str) -> str:\n    return note_id\n',
    });
    expect(result.serviceRoots).toEqual(['backend']);
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('fail');
    expect(auth?.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'backend/api/notes.py:7',
    ]);
  });

  it('still takes a package folder with its own requirements for a root when it never imports itself by name', async () => {
    const result = await analyzeFiles({
      'pyproject.toml': '[project]\nname = "tools"\n',
      'tools/cli.py': 'print("tools")\n',
      'service/__init__.py': '',
      'service/requirements.txt': 'fastapi==0.115.0\n',
      'service/main.py':
        'from fastapi import FastAPI\nfrom .notes import x\napp = FastAPI()\n',
      'service/notes.py': 'x = 1\n',
    });
    expect(result.serviceRoots).toEqual(['service']);
  });

  it('does not take the standard library of the same name for such a self-import', async () => {
    // A plugin package named `email` importing `email.mime…` (no mime/ of its own).
    const result = await analyzeFiles({
      'pyproject.toml': '[project]\nname = "app"\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'plugins/email/__init__.py': '',
      'plugins/email/requirements.txt': 'fastapi==0.115.0\n',
      'plugins/email/app.py':
        'from email.mime.text import MIMEText\nfrom fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(result.serviceRoots).toEqual(['plugins/email', '']);
  });

  it('answers to `src` for a src/__init__.py that holds code (`from src import router`)', async () => {
    const result = await analyzeFiles({
      'requirements.txt': 'fastapi==0.115.0\n',
      'src/__init__.py':
        'from fastapi import APIRouter\nfrom src.api.notes import notes_router\n\nrouter = APIRouter()\nrouter.include_router(notes_router, prefix="/notes")\n',
      'src/api/__init__.py': '',
      'src/api/notes.py':
        'from fastapi import APIRouter\n\nnotes_router = APIRouter()\n\n\n@notes_router.post("/")\ndef save(text: str) -> str:\n    return text\n',
      'src/api/main.py':
        'from fastapi import FastAPI\nfrom src import router\n\napp = FastAPI()\napp.include_router(router, prefix="/api")\n',
    });
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('fail');
    expect(auth?.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'src/api/notes.py:7',
    ]);
  });

  it('follows plain modules imported by name inside a folder without __init__.py (its WORKDIR)', async () => {
    // api/app.py saying `from notes import router` for api/notes.py, run from api/ (the
    // image copies api/ into its WORKDIR, pytest puts it on pythonpath).
    const result = await analyzeFiles({
      Pipfile: '[packages]\nfastapi = "*"\n',
      'api/app.py':
        'from fastapi import FastAPI\nfrom notes import router\nimport util\n\napp = FastAPI()\napp.include_router(router, prefix="/api")\nutil.setup()\n',
      'api/util.py':
        'import logging\n\n\ndef setup() -> None:\n    logging.basicConfig(level="INFO")\n',
      'api/notes.py':
        'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.post("/notes")\ndef save(text: str) -> str:\n    return text\n',
    });
    expect(result.serviceRoots).toEqual(['']);
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('fail');
    expect(auth?.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'api/notes.py:7',
    ]);
    expect(result.items.find(i => i.id === 'logging')?.status).toBe('pass');
  });
});
