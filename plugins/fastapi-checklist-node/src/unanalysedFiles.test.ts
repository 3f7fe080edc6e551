import { analyzeFiles, serviceWith } from './__fixtures__/analyzeFixture';

const ADMIN_EXEC = `
from fastapi import APIRouter
router = APIRouter()

@router.post("/admin/exec")
def run(command: str) -> str:
    return command
`;

describe('files the analyzer could not read (issue 13)', () => {
  it('warns on every Python check when a service file is too large to analyse, and lists it', async () => {
    const result = await analyzeFiles(
      serviceWith({
        'app/routers/exec.py': `${ADMIN_EXEC}\nPAD = "${'a'.repeat(
          600 * 1024,
        )}"\n`,
      }),
    );
    expect(result.skipped).toEqual([
      { path: 'app/routers/exec.py', reason: 'larger than 524288 bytes' },
    ]);
    const auth = result.items.find(i => i.id === 'auth')!;
    expect(auth.status).toBe('warn');
    expect(auth.summary).toContain(
      '1 file not analysed: app/routers/exec.py (larger than 524288 bytes).',
    );
    expect(auth.evidence).toContainEqual({
      path: 'app/routers/exec.py',
      message: 'not analysed: larger than 524288 bytes',
    });
    // Dockerfile-only checks cannot be affected by a Python file.
    expect(result.items.find(i => i.id === 'dockerfile')!.status).toBe('pass');
    expect(result.score).toBeLessThan(95);
  });

  it('turns not-applicable into warn: an unauthenticated route may hide in a skipped file', async () => {
    const result = await analyzeFiles({
      'requirements.txt': 'fastapi\n',
      'main.py':
        'from fastapi import FastAPI\nfrom admin import router\napp = FastAPI()\napp.include_router(router)\n\n@app.get("/items")\ndef items() -> list[str]:\n    return []\n',
      'admin.py': `${ADMIN_EXEC}\nPAD = "${'a'.repeat(600 * 1024)}"\n`,
    });
    const auth = result.items.find(i => i.id === 'auth')!;
    expect(auth.status).toBe('warn');
    expect(auth.summary).toMatch(
      / 1 file not analysed: admin\.py \(larger than 524288 bytes\)\.$/,
    );
  });

  it('lists files with syntax errors, noting them on verdicts it keeps', async () => {
    const result = await analyzeFiles({
      'requirements.txt': 'fastapi\n',
      'main.py':
        'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/items")\ndef items() -> list[str]:\n    return []\n',
      'admin.py':
        'from main import app\n\n@app.delete("/admin/everything")\ndef wipe(:\n    drop_all()\n',
    });
    const auth = result.items.find(i => i.id === 'auth')!;
    // What the parser recovered still fails: a fail is never raised to warn.
    expect(auth.status).toBe('fail');
    expect(auth.summary).toContain(
      '1 file not analysed: admin.py (syntax error near line',
    );
    expect(result.skipped).toEqual([
      {
        path: 'admin.py',
        reason: expect.stringMatching(
          /^syntax error near line \d+; analysed what could be parsed$/,
        ),
      },
    ]);
  });

  it('names three files and counts the rest', async () => {
    const overrides: Record<string, string> = {};
    for (let i = 0; i < 5; i++) overrides[`app/blob_${i}.py`] = '\u0000binary';
    const result = await analyzeFiles(serviceWith(overrides));
    expect(result.items.find(i => i.id === 'logging')!.summary).toMatch(
      /5 files not analysed: app\/blob_0\.py \(binary content in a \.py file\), app\/blob_1\.py \(binary content in a \.py file\), app\/blob_2\.py \(binary content in a \.py file\) and 2 more\.$/,
    );
  });

  it('warns instead of not-applicable when no app was found but Python files were skipped', async () => {
    const result = await analyzeFiles({
      'requirements.txt': 'fastapi\n',
      'main.py': `from fastapi import FastAPI\napp = FastAPI()\nPAD = "${'a'.repeat(
        600 * 1024,
      )}"\n`,
      'util.py': 'def f() -> int:\n    return 1\n',
    });
    expect(result.items[0]).toMatchObject({
      status: 'warn',
      summary:
        'No FastAPI application found in 1 Python file(s). 1 file not analysed: main.py (larger than 524288 bytes).',
    });
  });
});
