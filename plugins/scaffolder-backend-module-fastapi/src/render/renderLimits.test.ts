import { ConfigReader } from '@backstage/config';
import { buildSkeletonContext } from './context';
import { parseRenderParameters } from './parameters';
import {
  DEFAULT_RENDER_LIMITS,
  readRenderLimits,
  RenderLimits,
} from './renderLimits';
import { renderSkeleton, renderSkeletonInTurns } from './renderSkeleton';
import type { SkeletonFile } from './skeletonFiles';

const context = buildSkeletonContext(
  parseRenderParameters({
    name: 'orders-api',
    description: 'Takes orders',
    owner: 'group:default/team-a',
  }),
  { name: 'fastapi-service', version: '1.0.0' },
);

function skeleton(files: Record<string, string>): SkeletonFile[] {
  return Object.entries(files).map(([path, text]) => ({
    path,
    content: Buffer.from(text, 'utf8'),
    mode: 0o644,
    binary: false,
  }));
}

const limits = (overrides: Partial<RenderLimits>): RenderLimits => ({
  ...DEFAULT_RENDER_LIMITS,
  ...overrides,
});

/** About 4 interpreter steps per iteration. */
const busyFile = (iterations: number) =>
  `{% for i in range(${iterations}) %}{% endfor %}done\n`;

describe('readRenderLimits', () => {
  const read = (render?: object) =>
    readRenderLimits(
      new ConfigReader(render ? { fastapiGoldenPath: { render } } : {}),
    );

  it('uses 10 s, 50 MiB out, 100,000 steps per file and 50 MiB of skeleton when nothing is configured', () => {
    expect(read()).toEqual({
      timeoutMs: 10_000,
      maxOutputBytes: 52_428_800,
      maxStepsPerFile: 100_000,
      maxSkeletonBytes: 52_428_800,
    });
    expect(read({})).toEqual(DEFAULT_RENDER_LIMITS);
  });

  it.each([
    ['2s', 2_000],
    ['PT1M', 60_000],
    [{ seconds: 3 }, 3_000],
  ])('reads the timeout %j', (timeout, timeoutMs) => {
    expect(read({ timeout })).toEqual({ ...DEFAULT_RENDER_LIMITS, timeoutMs });
  });

  it('reads the output, step and skeleton limits', () => {
    expect(
      read({
        maxOutputBytes: 1024,
        maxStepsPerFile: 5000,
        maxSkeletonBytes: 9,
      }),
    ).toEqual({
      ...DEFAULT_RENDER_LIMITS,
      maxOutputBytes: 1024,
      maxStepsPerFile: 5000,
      maxSkeletonBytes: 9,
    });
  });

  it.each([
    [{ maxOutputBytes: 0 }, 'maxOutputBytes must be a positive whole number'],
    [
      { maxSkeletonBytes: -1 },
      'maxSkeletonBytes must be a positive whole number',
    ],
    [
      { maxStepsPerFile: 1.5 },
      'maxStepsPerFile must be a positive whole number',
    ],
    [{ maxStepsPerFile: 'many' }, 'maxStepsPerFile'],
    [{ timeout: 'soon' }, 'fastapiGoldenPath.render.timeout'],
    [{ timeout: '0s' }, 'timeout must be longer than zero'],
  ])('refuses %j', (render, message) => {
    expect(() => read(render)).toThrow(message);
  });
});

describe('render limits', () => {
  it('counts output bytes across all files, not per file', () => {
    // 300 two-byte characters each: every file fits, the pair does not.
    const files = skeleton({
      'a.txt': 'é'.repeat(300),
      'b.txt': 'é'.repeat(300),
    });
    expect(() =>
      renderSkeleton(files, context, limits({ maxOutputBytes: 1000 })),
    ).toThrow(
      "Rendering skeleton file b.txt stopped: the skeleton's output exceeds 1000 bytes (the limit is set by fastapiGoldenPath.render.maxOutputBytes)",
    );
    expect(
      renderSkeleton(files, context, limits({ maxOutputBytes: 1200 })),
    ).toHaveLength(2);
  });

  it('counts binary files copied as they are in the output', () => {
    const files: SkeletonFile[] = [
      ...skeleton({ 'a.txt': 'x'.repeat(300) }),
      {
        path: 'logo.png',
        content: Buffer.alloc(800),
        mode: 0o644,
        binary: true,
      },
    ];
    expect(() =>
      renderSkeleton(files, context, limits({ maxOutputBytes: 1000 })),
    ).toThrow(
      "Rendering skeleton file logo.png stopped: the skeleton's output exceeds 1000 bytes (the limit is set by fastapiGoldenPath.render.maxOutputBytes)",
    );
    expect(
      renderSkeleton(files, context, limits({ maxOutputBytes: 1100 })),
    ).toHaveLength(2);
  });

  it('stops a file that takes more steps than allowed, naming the setting', () => {
    const files = skeleton({ 'busy.txt': busyFile(1000) });
    expect(() =>
      renderSkeleton(files, context, limits({ maxStepsPerFile: 1000 })),
    ).toThrow(
      /Rendering skeleton file busy\.txt stopped: Template evaluation exceeded the work unit limit of 1000 .*\(the limit is set by fastapiGoldenPath\.render\.maxStepsPerFile\)/,
    );
    expect(
      renderSkeleton(files, context, limits({ maxStepsPerFile: 10_000 })),
    ).toHaveLength(1);
  });

  it('stops a skeleton that takes longer than the timeout, naming the setting', () => {
    const files = skeleton({
      'a.txt': busyFile(20_000),
      'b.txt': busyFile(20_000),
    });
    expect(() =>
      renderSkeleton(files, context, limits({ timeoutMs: 1 })),
    ).toThrow(
      'Rendering skeleton file a.txt stopped: the skeleton took longer than 1 ms to render (the limit is set by fastapiGoldenPath.render.timeout)',
    );
  });

  it('lets the event loop run between files when rendering in turns', async () => {
    const files = skeleton({
      'a.txt': busyFile(10_000),
      'b.txt': busyFile(10_000),
      'c.txt': busyFile(10_000),
    });
    let timerRuns = 0;
    const timer = setInterval(() => timerRuns++, 0);
    try {
      renderSkeleton(files, context);
      const blocked = timerRuns;
      const rendered = await renderSkeletonInTurns(files, context);
      expect(blocked).toBe(0);
      expect(timerRuns).toBeGreaterThan(0);
      expect(rendered.map(file => file.content.toString())).toEqual([
        'done\n',
        'done\n',
        'done\n',
      ]);
    } finally {
      clearInterval(timer);
    }
  });
});
