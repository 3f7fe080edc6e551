import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  AnalysisPool,
  DEFAULT_ANALYSIS_LIMITS,
  DEFAULT_ANALYSIS_POOL_OPTIONS,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { runChecklist } from '../__testUtils__/checklistHarness';

/** A deliberately incomplete service: one unprotected route, nothing else. */
const bareService = {
  'requirements.txt': 'fastapi\n',
  'main.py': [
    'from fastapi import FastAPI',
    'app = FastAPI()',
    '@app.post("/orders")',
    'def create(order: dict):',
    '    return order',
  ].join('\n'),
};

describe('fastapi:checklist', () => {
  const workspace = createMockDirectory();

  beforeEach(() => workspace.setContent({ service: bareService }));

  it('outputs the score, items, failing ids and a Markdown report', async () => {
    const output = await runChecklist({
      input: { path: './service' },
      workspacePath: workspace.path,
    });
    expect(output.score).toBe(0);
    expect(output.failing).toEqual([
      'response-models',
      'auth',
      'input-validation',
      'exception-handlers',
      'cors',
      'env-secrets',
      'tests',
      'dockerfile',
      'workers',
      'logging',
      'health',
      // beyond the guide; rate-limit (no login route) and migrations (no database)
      // do not apply to this bare service
      'tracing',
      'metrics',
      'request-id',
      'probes',
      'security-headers',
      'dependency-lock',
      'dependency-updates',
      'ci',
    ]);
    expect(output.items[1]).toEqual({
      id: 'auth',
      title: 'Mutating routes authenticated',
      status: 'fail',
      summary:
        'No security scheme or credential check found, so none of the 1 mutating route can require authentication.',
    });
    expect(output.report.split('\n')[0]).toBe(
      '- ❌ **Response models declared**: 1 route of 1 declares neither response_model nor a return type.',
    );
  });

  it('fails the task below failBelow, naming the failing checks', async () => {
    await expect(
      runChecklist({
        input: { path: './service', failBelow: 50 },
        workspacePath: workspace.path,
      }),
    ).rejects.toThrow(
      'Checklist score 0 is below the required 50; failing checks: response-models, auth,',
    );
  });

  it('honours org configuration', async () => {
    const output = await runChecklist({
      input: { path: './service' },
      workspacePath: workspace.path,
      checklist: {
        checks: {
          workers: { enabled: false },
          health: { severity: 'recommended' },
        },
      },
    });
    expect(output.items.map((i: { id: string }) => i.id)).not.toContain(
      'workers',
    );
    expect(
      output.items.find((i: { id: string }) => i.id === 'health').status,
    ).toBe('warn');
  });

  it('reports a waived check as waived, with its waiver, and not as failing', async () => {
    workspace.addContent({
      'service/.golden-path/waivers.yaml': [
        'waivers:',
        '  - check: auth',
        '    reason: Behind the internal gateway',
        '    expires: 2999-12-31',
        '    approvedBy: group:default/platform',
      ].join('\n'),
    });
    const output = await runChecklist({
      input: { path: './service' },
      workspacePath: workspace.path,
    });
    expect(output.items[1]).toMatchObject({ id: 'auth', status: 'waived' });
    expect(output.failing).not.toContain('auth');
    expect(output.score).toBeGreaterThan(0);
    expect(output.report.split('\n')[1]).toMatch(
      /^- 🏳️ \*\*Mutating routes authenticated\*\*: .* _Waived until 2999-12-31 by group:default\/platform: Behind the internal gateway \(really fail\)\._$/,
    );
  });

  it('refuses a path outside the workspace', async () => {
    await expect(
      runChecklist({
        input: { path: '../elsewhere' },
        workspacePath: workspace.path,
      }),
    ).rejects.toThrow('path "../elsewhere" is outside the workspace');
  });

  describe("through the module's analysis pool (worker threads)", () => {
    const pool = new AnalysisPool({
      ...DEFAULT_ANALYSIS_POOL_OPTIONS,
      workers: 1,
    });
    afterAll(() => pool.close());

    it('gives the same outputs as in process', async () => {
      const inProcess = await runChecklist({
        input: { path: './service' },
        workspacePath: workspace.path,
      });
      const pooled = await runChecklist({
        input: { path: './service' },
        workspacePath: workspace.path,
        analyzer: pool,
      });
      expect(pooled).toEqual(inProcess);
      expect(pooled.items[1].status).toBe('fail');
    }, 60_000);

    it('fails the task on a workspace over a limit, naming it', async () => {
      await expect(
        runChecklist({
          input: { path: './service' },
          workspacePath: workspace.path,
          analyzer: pool,
          limits: { ...DEFAULT_ANALYSIS_LIMITS, maxTotalBytes: 64 },
        }),
      ).rejects.toThrow('(limit fastapiChecklist.analysis.maxTotalBytes)');
    });
  });
});
