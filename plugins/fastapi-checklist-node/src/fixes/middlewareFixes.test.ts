import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  lineDiff,
  pythonCompileError,
  runFixes,
  serviceWith,
  worsenedChecks,
} from './__testUtils__/fixHarness';

const ALL = CHECKS.map(check => check.id);
const goodMain = serviceWith()['app/main.py'];
const CORS_LINE =
  'app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)\n';

describe('cors fix', () => {
  it('adds CORSMiddleware from CORS_ORIGINS to an app that has none', async () => {
    expect(goodMain).toContain(CORS_LINE);
    const run = await runFixes(
      serviceWith({ 'app/main.py': goodMain.replace(CORS_LINE, '') }),
      ['cors'],
    );
    expect(run.report.refusals).toEqual([]);
    expect(run.statusBefore('cors')).toBe('fail');
    expect(run.statusAfter('cors')).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(
      lineDiff(run.before['app/main.py'], run.after['app/main.py']),
    ).toEqual({
      removed: [],
      added: ['from app.cors import add_cors', 'add_cors(app)'],
    });
    // Imported before it is used, though the module imports more at its end (E402).
    const lines = run.after['app/main.py'].split('\n');
    expect(lines.indexOf('from app.cors import add_cors')).toBeLessThan(
      lines.indexOf('add_cors(app)'),
    );
    // In its sorted place among the app's imports, as ruff's isort rules want it.
    expect(run.after['app/main.py']).toContain(
      'from app.config import get_settings\nfrom app.cors import add_cors\nfrom app.routers import admin, items, login\n',
    );
    expect(run.after['app/cors.py']).toContain(
      'os.environ.get("CORS_ORIGINS", "").split(",")',
    );
    expect(run.after['app/cors.py']).not.toContain('allow_credentials');
    expect(pythonCompileError(run.after['app/cors.py'])).toBeUndefined();
    expect(pythonCompileError(run.after['app/main.py'])).toBeUndefined();
  });

  it('refuses to choose origins for a wildcard with credentials', async () => {
    const run = await runFixes(
      serviceWith({
        'app/main.py': goodMain.replace(
          CORS_LINE,
          'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n',
        ),
      }),
      ['cors'],
    );
    expect(run.statusBefore('cors')).toBe('fail');
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'cors',
        reason:
          'CORSMiddleware is already added; its origins or credentials need an owner to choose them',
      },
    ]);
  });
});

describe('security-headers fix', () => {
  it('adds a middleware setting the three headers to an app that sets none', async () => {
    const observability = serviceWith()['app/observability.py'];
    const withoutHeaders = observability
      .split('\n')
      .filter(line => !/X-Content-Type|X-Frame|Strict-Transport/.test(line))
      .join('\n');
    const run = await runFixes(
      serviceWith({ 'app/observability.py': withoutHeaders }),
      ['security-headers'],
    );
    expect(run.report.refusals).toEqual([]);
    expect(run.statusBefore('security-headers')).toBe('fail');
    expect(run.statusAfter('security-headers')).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(
      lineDiff(run.before['app/main.py'], run.after['app/main.py']),
    ).toEqual({
      removed: [],
      added: [
        'from app.security_headers import add_security_headers',
        'add_security_headers(app)',
      ],
    });
    expect(
      pythonCompileError(run.after['app/security_headers.py']),
    ).toBeUndefined();
  });
});
