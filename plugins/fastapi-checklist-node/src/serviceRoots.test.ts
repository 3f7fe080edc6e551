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
});
