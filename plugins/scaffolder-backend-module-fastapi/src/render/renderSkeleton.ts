import { InputError } from '@backstage/errors';
import type { SkeletonContext } from './context';
import { MANIFEST_FILE, SkeletonManifest } from './manifest';
import { assertNoGitMetadata } from './paths';
import {
  DEFAULT_RENDER_LIMITS,
  RENDER_LIMITS_CONFIG_KEY,
  RenderLimits,
} from './renderLimits';
import type { SkeletonFile } from './skeletonFiles';
import { SkeletonTemplateEngine } from './templateEngine';

export type RenderedFile = { path: string; content: Buffer; mode: number };

const LEFTOVER_SYNTAX = /\$\{\{|\{\{|\{%/;
const USER_TEXT_DELIMITERS = /[{}%$]/;

/** The context with every `{ } % $` in user text replaced, so only skeleton text can form delimiters. */
function withInertUserText(context: SkeletonContext): SkeletonContext {
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/[{}%$]/g, '_');
    if (Array.isArray(value)) return value.map(scrub);
    return value;
  };
  const values = Object.fromEntries(
    Object.entries(context.values).map(([key, value]) => [key, scrub(value)]),
  );
  return { ...context, values: values as SkeletonContext['values'] };
}

function userTextHasDelimiters(context: SkeletonContext): boolean {
  return Object.values(context.values).some(value =>
    (Array.isArray(value) ? value : [value]).some(
      item => typeof item === 'string' && USER_TEXT_DELIMITERS.test(item),
    ),
  );
}

function assertNoLeftoverSyntax(path: string, output: string): void {
  const match = LEFTOVER_SYNTAX.exec(output);
  if (!match) return;
  const line = output.slice(0, match.index).split('\n').length;
  throw new InputError(
    `Skeleton file ${path} leaves template syntax "${match[0]}" in its output at line ${line}; escape it in the skeleton`,
  );
}

/** Fails once the skeleton's wall-clock budget is spent (checked after every file). */
function assertWithinTime(
  deadline: number,
  limits: RenderLimits,
  path: string,
) {
  if (Date.now() > deadline) {
    throw new InputError(
      `Rendering skeleton file ${path} stopped: the skeleton took longer than ${limits.timeoutMs} ms to render (the limit is set by ${RENDER_LIMITS_CONFIG_KEY}.timeout)`,
    );
  }
}

/** Fails once the skeleton's output (rendered text and copied binary files) is too large. */
function assertWithinOutput(bytes: number, limits: RenderLimits, path: string) {
  if (bytes > limits.maxOutputBytes) {
    throw new InputError(
      `Rendering skeleton file ${path} stopped: the skeleton's output exceeds ${limits.maxOutputBytes} bytes (the limit is set by ${RENDER_LIMITS_CONFIG_KEY}.maxOutputBytes)`,
    );
  }
}

/**
 * Renders the skeleton in memory, one file per step: decides the file set from the
 * manifest, renders every text file with the closed template engine within the limits
 * and proves no template syntax from the skeleton survives. Nothing is written here,
 * so a failure leaves the workspace untouched.
 */
export function* renderSkeletonFiles(
  files: SkeletonFile[],
  context: SkeletonContext,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
): Generator<RenderedFile, void, undefined> {
  const deadline = Date.now() + limits.timeoutMs;
  const manifestFile = files.find(f => f.path === MANIFEST_FILE);
  const manifest = SkeletonManifest.parse(
    manifestFile?.content.toString('utf8'),
    Object.keys(context.values),
  );
  const engine = new SkeletonTemplateEngine(limits);
  const prepared = engine.prepare(context);
  // User text may itself contain "{{": check a second render with that text made inert.
  const checkContext = userTextHasDelimiters(context)
    ? engine.prepare(withInertUserText(context))
    : undefined;

  const seen = new Map<string, string>();
  let outputBytes = 0;
  for (const file of files) {
    if (file.path === MANIFEST_FILE) continue;
    const outputPath = manifest.outputPath(file.path, context);
    if (outputPath === undefined) continue;
    assertNoGitMetadata(outputPath, `Skeleton file ${file.path} output path`);
    const earlier = seen.get(outputPath);
    if (earlier) {
      throw new InputError(
        `Skeleton files ${earlier} and ${file.path} would both be written to ${outputPath}`,
      );
    }
    seen.set(outputPath, file.path);
    if (file.binary) {
      outputBytes += file.content.length;
      assertWithinOutput(outputBytes, limits, file.path);
      yield { path: outputPath, content: file.content, mode: file.mode };
      continue;
    }
    const source = file.content.toString('utf8');
    // A UTF-8 byte is never less than a UTF-16 code unit, so the byte budget left
    // bounds the interpreter's output count too; the exact bytes are checked below.
    const budget = limits.maxOutputBytes - outputBytes;
    const output = engine.render(file.path, source, prepared, budget);
    assertNoLeftoverSyntax(
      file.path,
      checkContext
        ? engine.render(file.path, source, checkContext, budget)
        : output,
    );
    assertWithinTime(deadline, limits, file.path);
    const content = Buffer.from(output, 'utf8');
    outputBytes += content.length;
    assertWithinOutput(outputBytes, limits, file.path);
    yield { path: outputPath, content, mode: file.mode };
  }
}

/**
 * The whole skeleton at once, for callers that can block (tests, tools).
 *
 * @public
 */
export function renderSkeleton(
  files: SkeletonFile[],
  context: SkeletonContext,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
): RenderedFile[] {
  return [...renderSkeletonFiles(files, context, limits)];
}

/**
 * The backend's way to render: gives the event loop a turn after every file, so other
 * requests are served while a skeleton renders and one file (bounded by
 * maxStepsPerFile) is the longest the backend is ever blocked.
 *
 * @public
 */
export async function renderSkeletonInTurns(
  files: SkeletonFile[],
  context: SkeletonContext,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
): Promise<RenderedFile[]> {
  const rendered: RenderedFile[] = [];
  for (const file of renderSkeletonFiles(files, context, limits)) {
    rendered.push(file);
    await new Promise(resolve => setImmediate(resolve));
  }
  return rendered;
}
