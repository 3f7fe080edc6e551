import { InputError } from '@backstage/errors';
import nunjucks from 'nunjucks';
import type { SkeletonContext } from './context';
import { skeletonFilters } from './filters';
import { MANIFEST_FILE, SkeletonManifest } from './manifest';
import type { SkeletonFile } from './skeletonFiles';

export type RenderedFile = { path: string; content: Buffer; mode: number };

/** Backstage-style expressions (`${{ }}`), standard blocks and comments. */
const TAGS = {
  variableStart: '${{',
  variableEnd: '}}',
  blockStart: '{%',
  blockEnd: '%}',
  commentStart: '{#',
  commentEnd: '#}',
};

const LEFTOVER_SYNTAX = /\$\{\{|\{\{|\{%/;
const USER_TEXT_DELIMITERS = /[{}%$]/;

/** Serves templates (for include/import/extends) from the skeleton in memory only. */
class SkeletonLoader extends nunjucks.Loader {
  constructor(private readonly sources: Map<string, string>) {
    super();
  }
  getSource(name: string) {
    const src = this.sources.get(name);
    if (src === undefined) return null as unknown as nunjucks.LoaderSource;
    return { src, path: name, noCache: false };
  }
  resolve(from: string, to: string): string {
    const base = from.split('/').slice(0, -1);
    for (const part of to.split('/')) {
      if (part === '..') base.pop();
      else if (part !== '.') base.push(part);
    }
    return base.join('/');
  }
}

function createEnvironment(sources: Map<string, string>): nunjucks.Environment {
  const env = new nunjucks.Environment(new SkeletonLoader(sources), {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
    tags: TAGS,
  });
  for (const [name, filter] of Object.entries(skeletonFilters)) {
    env.addFilter(name, filter);
  }
  return env;
}

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
  throw new Error(
    `Skeleton file ${path} leaves template syntax "${match[0]}" in its output at line ${line}; escape it in the skeleton`,
  );
}

/**
 * Renders the skeleton in memory: decides the file set from the manifest, renders every
 * text file with nunjucks and proves no template syntax from the skeleton survives.
 * Nothing is written here, so a failure leaves the workspace untouched.
 */
export function renderSkeleton(
  files: SkeletonFile[],
  context: SkeletonContext,
): RenderedFile[] {
  const manifestFile = files.find(f => f.path === MANIFEST_FILE);
  const manifest = SkeletonManifest.parse(
    manifestFile?.content.toString('utf8'),
    Object.keys(context.values),
  );
  const sources = new Map(
    files.filter(f => !f.binary).map(f => [f.path, f.content.toString('utf8')]),
  );
  const env = createEnvironment(sources);
  // User text may itself contain "{{": check a second render with that text made inert.
  const checkContext = userTextHasDelimiters(context)
    ? withInertUserText(context)
    : undefined;

  const rendered: RenderedFile[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    if (file.path === MANIFEST_FILE) continue;
    const outputPath = manifest.outputPath(file.path, context);
    if (outputPath === undefined) continue;
    const earlier = seen.get(outputPath);
    if (earlier) {
      throw new InputError(
        `Skeleton files ${earlier} and ${file.path} would both be written to ${outputPath}`,
      );
    }
    seen.set(outputPath, file.path);
    if (file.binary) {
      rendered.push({
        path: outputPath,
        content: file.content,
        mode: file.mode,
      });
      continue;
    }
    const template = new nunjucks.Template(
      sources.get(file.path)!,
      env,
      file.path,
      true,
    );
    let output: string;
    try {
      output = template.render(context);
      assertNoLeftoverSyntax(
        file.path,
        checkContext ? template.render(checkContext) : output,
      );
    } catch (error) {
      const message = (error as Error).message;
      throw new Error(
        message.includes(file.path)
          ? message
          : `Rendering skeleton file ${file.path} failed: ${message}`,
      );
    }
    rendered.push({
      path: outputPath,
      content: Buffer.from(output, 'utf8'),
      mode: file.mode,
    });
  }
  return rendered;
}
