import { InputError } from '@backstage/errors';
import {
  createTemplateRenderer,
  PreparedTemplateContext,
  TemplateContext,
  TemplateFilter,
  TemplateLimitError,
  TemplateRenderError,
  TemplateRenderer,
  TemplateRenderLimits,
} from 'nunjitsu';
import { skeletonFilters } from './filters';
import { RENDER_LIMITS_CONFIG_KEY, RenderLimits } from './renderLimits';
import {
  STRICT_OUTPUT_FILTER,
  StrictSource,
  withStrictOutputs,
} from './strictOutputs';

/**
 * Limits no skeleton has a reason to approach, fixed here rather than configured: the
 * real skeleton's largest file is 20 KB of source, nests macros a few levels deep and
 * calls filters a few hundred times; our filters only ever see short strings.
 */
const FIXED_LIMITS = {
  sourceCodeUnits: 1024 * 1024,
  astNodes: 200_000,
  nestingDepth: 256,
  scratchBytes: 16 * 1024 * 1024,
  capabilityCalls: 100_000,
} satisfies Partial<TemplateRenderLimits>;

/** Which setting raises a limit, so the error can say what to change. */
const LIMIT_SETTINGS: Partial<Record<keyof TemplateRenderLimits, string>> = {
  workUnits: `${RENDER_LIMITS_CONFIG_KEY}.maxStepsPerFile`,
  outputCodeUnits: `${RENDER_LIMITS_CONFIG_KEY}.maxOutputBytes`,
};

function refuseUndefined(what: string, value: unknown): void {
  if (value === undefined || value === null) {
    throw new Error(
      `${what} got ${value === null ? 'null' : 'an undefined value'}`,
    );
  }
}

/** Our filters as trusted nunjitsu filters; like nunjucks' strict mode they refuse undefined. */
function trustedFilters(): Record<string, TemplateFilter> {
  const filters: Record<string, TemplateFilter> = {
    [STRICT_OUTPUT_FILTER]: value => {
      refuseUndefined('output', value);
      return value;
    },
  };
  for (const [name, filter] of Object.entries(skeletonFilters)) {
    filters[name] = value => {
      refuseUndefined(`filter ${name}`, value);
      return filter(value);
    };
  }
  return filters;
}

/**
 * The skeleton's template engine: nunjitsu, the closed nunjucks-language interpreter
 * Backstage's fetch:template uses. Templates reach only the context data and our
 * filters: no constructors, prototypes, host functions or template loading, and no
 * template-controlled regular expressions (native matching cannot be interrupted).
 */
export class SkeletonTemplateEngine {
  readonly #renderer: TemplateRenderer;

  constructor(private readonly limits: RenderLimits) {
    this.#renderer = createTemplateRenderer({
      filters: trustedFilters(),
      allowRegexExecution: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
  }

  /** Copies the context once into the interpreter's own immutable data. */
  prepare(context: object): PreparedTemplateContext {
    return this.#renderer.prepareContext(context as TemplateContext);
  }

  /** Renders one skeleton file; maxOutputCodeUnits is what is left of the output budget. */
  render(
    path: string,
    source: string,
    context: PreparedTemplateContext,
    maxOutputCodeUnits: number,
  ): string {
    const strict = withStrictOutputs(source);
    try {
      return this.#renderer.render(strict.text, context, {
        limits: {
          ...FIXED_LIMITS,
          workUnits: this.limits.maxStepsPerFile,
          outputCodeUnits: Math.max(1, maxOutputCodeUnits),
        },
      });
    } catch (error) {
      throw this.#failure(path, error, messageInSource(error, strict));
    }
  }

  #failure(path: string, error: unknown, message: string): Error {
    if (error instanceof TemplateLimitError) {
      // The output limit passed in is what is left of the skeleton's budget: name the total.
      const reason =
        error.limit === 'outputCodeUnits'
          ? `the skeleton's output exceeds ${this.limits.maxOutputBytes} bytes`
          : message;
      const setting = error.limit && LIMIT_SETTINGS[error.limit];
      return new InputError(
        `Rendering skeleton file ${path} stopped: ${reason}${
          setting ? ` (the limit is set by ${setting})` : ''
        }`,
      );
    }
    return new InputError(`Rendering skeleton file ${path} failed: ${message}`);
  }
}

/** The engine's message with its column counted in the skeleton file, not the rewritten text. */
function messageInSource(error: unknown, strict: StrictSource): string {
  if (!(error instanceof Error)) return String(error);
  if (
    (error instanceof TemplateRenderError ||
      error instanceof TemplateLimitError) &&
    error.line !== undefined &&
    error.column !== undefined
  ) {
    const { line, column } = error;
    return error.message.replace(
      `line ${line}, column ${column}`,
      `line ${line}, column ${strict.sourceColumn(line, column)}`,
    );
  }
  return error.message;
}
