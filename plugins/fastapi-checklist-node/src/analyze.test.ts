import { analyzeFiles, serviceWith } from './__fixtures__/analyzeFixture';

describe('analyzeRepository on a production-ready service', () => {
  it('passes every check, warning only on the refused example secret (migrations: no database)', async () => {
    const result = await analyzeFiles(serviceWith());
    expect(result.items.map(i => [i.id, i.status])).toEqual([
      ['response-models', 'pass'],
      ['auth', 'pass'],
      ['input-validation', 'pass'],
      ['exception-handlers', 'pass'],
      ['cors', 'pass'],
      ['env-secrets', 'warn'],
      ['tests', 'pass'],
      ['dockerfile', 'pass'],
      ['workers', 'pass'],
      ['logging', 'pass'],
      ['health', 'pass'],
      ['tracing', 'pass'],
      ['metrics', 'pass'],
      ['request-id', 'pass'],
      ['probes', 'pass'],
      ['security-headers', 'pass'],
      ['rate-limit', 'pass'],
      ['dependency-lock', 'pass'],
      ['dependency-updates', 'pass'],
      // no database: nothing to migrate
      ['migrations', 'not-applicable'],
      ['ci', 'pass'],
    ]);
    // 19 passes and a warn over 20 applicable checks
    expect(result.score).toBe(98);
    expect(result.serviceRoots).toEqual(['']);
    expect(result.diagnostics).toEqual([]);
    for (const item of result.items) {
      expect(item.remediation.length).toBeGreaterThan(20);
      expect(item.docsUrl).toMatch(/^https:\/\//);
    }
  });
});

describe('configuration', () => {
  it('leaves out disabled checks and downgrades recommended ones to warn', async () => {
    const result = await analyzeFiles(
      serviceWith({
        'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'app/routers/probes.py': null,
      }),
      {
        checks: {
          cors: { enabled: false },
          health: { severity: 'recommended' },
        },
      },
    );
    expect(result.items.map(i => i.id)).not.toContain('cors');
    expect(result.items.find(i => i.id === 'health')).toMatchObject({
      status: 'warn',
      severity: 'recommended',
    });
    expect(result.items.find(i => i.id === 'logging')).toMatchObject({
      status: 'fail',
      severity: 'required',
    });
  });

  it('rejects unknown check ids and severities clearly', async () => {
    await expect(
      analyzeFiles({}, { checks: { 'no-such-check': { enabled: false } } }),
    ).rejects.toThrow(
      'fastapiChecklist.checks has unknown check id(s): no-such-check. Known checks: response-models, auth,',
    );
    await expect(
      analyzeFiles({}, { checks: { auth: { severity: 'optional' as never } } }),
    ).rejects.toThrow(
      'fastapiChecklist.checks.auth.severity must be "required" or "recommended" (got "optional")',
    );
  });
});

describe('robustness', () => {
  it('marks every check not-applicable for an empty repository', async () => {
    const result = await analyzeFiles({});
    expect(new Set(result.items.map(i => i.status))).toEqual(
      new Set(['not-applicable']),
    );
    expect(result.items[0].summary).toBe('No Python files found.');
    expect(result.score).toBe(0);
  });

  it('says no FastAPI app was found in a plain Python repository', async () => {
    const result = await analyzeFiles({
      'pyproject.toml': '',
      'lib/util.py': 'def f() -> int:\n    return 1\n',
    });
    expect(result.items[0]).toMatchObject({
      status: 'not-applicable',
      summary: 'No FastAPI application found in 1 Python file(s).',
    });
  });

  it('reports malformed Python, binary .py files and oversized files as diagnostics without crashing', async () => {
    const result = await analyzeFiles(
      serviceWith({
        'app/broken.py': 'def oops(:\n    return\n',
        'app/blob.py': Buffer.from([0x00, 0x01, 0x02]) as unknown as string,
        'app/huge.py': `X = "${'a'.repeat(600 * 1024)}"\n`,
      }),
    );
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        { path: 'app/huge.py', message: 'skipped: larger than 524288 bytes' },
        {
          path: 'app/blob.py',
          message: 'skipped: binary content in a .py file',
        },
        {
          path: 'app/broken.py',
          message: 'syntax error near line 1; analysed what could be parsed',
        },
      ]),
    );
    // Issue 13: what was not analysed may hold unauthenticated routes, so auth (a pass
    // on the analysed files) warns and names them.
    const auth = result.items.find(i => i.id === 'auth');
    expect(auth?.status).toBe('warn');
    expect(auth?.summary).toContain('3 files not analysed: ');
  });

  it('gives an error item when no Python file can be analysed', async () => {
    const result = await analyzeFiles({
      'main.py': Buffer.from([0, 1, 2]) as unknown as string,
    });
    expect(result.items[0]).toMatchObject({ status: 'error' });
    expect(result.items[0].summary).toContain(
      'main.py: skipped: binary content in a .py file',
    );
  });

  it('finds each service of a monorepo by its own root', async () => {
    const files: Record<string, string> = {};
    for (const [path, content] of Object.entries(serviceWith()))
      files[`services/shop/${path}`] = content;
    files['services/other/requirements.txt'] = 'fastapi\n';
    files['services/other/main.py'] =
      'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/ping")\ndef ping() -> str:\n    return "ok"\n';
    const result = await analyzeFiles(files);
    expect(result.serviceRoots.sort()).toEqual([
      'services/other',
      'services/shop',
    ]);
    const logging = result.items.find(i => i.id === 'logging')!;
    expect(logging.status).toBe('fail');
    expect(logging.summary).toContain(
      'services/other: Logging is never configured',
    );
    expect(result.items.find(i => i.id === 'health')!.status).toBe('pass');
  });
});
