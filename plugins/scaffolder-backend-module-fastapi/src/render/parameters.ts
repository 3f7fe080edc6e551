import { InputError } from '@backstage/errors';
import {
  DEFAULT_NAMESPACE,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { z as zod } from 'zod/v3';
import { kebabNameProblem, resourceNameProblem } from './identifiers';

type Z = typeof zod;

const PYTHON_VERSIONS = ['3.11', '3.12', '3.13'] as const;
const DATABASES = ['sqlite', 'postgresql', 'none'] as const;
const AUTH_MODES = ['jwt', 'none'] as const;
const MAX_DESCRIPTION = 2000;
const MAX_ORIGINS = 20;
const entityValidator = makeValidator();

function refineWith(problem: (value: string) => string | undefined) {
  return (value: string, ctx: zod.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
}

function entityRefProblem(
  value: string,
  defaultKind: string,
  allowedKinds: string[],
): string | undefined {
  try {
    const ref = parseEntityRef(value, {
      defaultKind,
      defaultNamespace: DEFAULT_NAMESPACE,
    });
    if (!allowedKinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
      return `must reference a ${allowedKinds.join(' or ')} entity (got kind "${
        ref.kind
      }")`;
    }
    if (!entityValidator.isValidNamespace(ref.namespace)) {
      return `has an invalid namespace "${ref.namespace}"`;
    }
    if (!entityValidator.isValidEntityName(ref.name)) {
      return `has an invalid entity name "${ref.name}"`;
    }
    return undefined;
  } catch (error) {
    return `is not an entity reference: ${(error as Error).message}`;
  }
}

export function corsOriginProblem(value: string): string | undefined {
  if (value.includes('*')) return `"${value}" must not contain wildcards`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL such as https://app.example.com`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${value}" must use http or https`;
  }
  if (url.username || url.password) {
    return `"${value}" must not contain credentials`;
  }
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value)) {
    return `"${value}" must be an origin without a path, query or fragment`;
  }
  return undefined;
}

function descriptionProblem(value: string): string | undefined {
  if (value.length > MAX_DESCRIPTION) {
    return `description must be at most ${MAX_DESCRIPTION} characters (got ${value.length})`;
  }
  if (
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
      value,
    )
  ) {
    return 'description contains an unpaired surrogate (invalid Unicode)';
  }
  // Tabs and newlines are fine; other C0/C1 controls and non-characters are not printable in YAML.
  if (
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/.test(
      value,
    )
  ) {
    return 'description contains control characters';
  }
  return undefined;
}

/**
 * The fastapi:render input fields. Each is a function of zod so the same definitions
 * serve createTemplateAction's JSON schema and the handler's own strict parse, which
 * adds the refinements (JSON schema cannot carry them) with specific messages.
 */
export const renderInputFields = {
  name: (z: Z) =>
    z
      .string({
        description:
          'Service name: lowercase letters, digits and single hyphens',
      })
      .superRefine(refineWith(v => kebabNameProblem(v, 'name'))),
  description: (z: Z) =>
    z
      .string({ description: 'One-paragraph description of the service' })
      .superRefine(refineWith(descriptionProblem))
      .default(''),
  owner: (z: Z) =>
    z
      .string({
        description: 'Owner entity reference, e.g. group:default/team-a',
      })
      .superRefine(
        refineWith(v => {
          const problem = entityRefProblem(v, 'group', ['group', 'user']);
          return problem && `owner ${problem}`;
        }),
      ),
  system: (z: Z) =>
    z
      .string({ description: 'Optional System entity reference' })
      .superRefine(
        refineWith(v => {
          if (v === '') return undefined;
          const problem = entityRefProblem(v, 'system', ['system']);
          return problem && `system ${problem}`;
        }),
      )
      .default(''),
  lifecycle: (z: Z) =>
    z
      .string({
        description: 'Catalog lifecycle, e.g. experimental or production',
      })
      .superRefine(
        refineWith(v =>
          /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(v) && v.length <= 63
            ? undefined
            : `lifecycle must be a lowercase word such as "experimental" (got "${v}")`,
        ),
      )
      .default('experimental'),
  pythonVersion: (z: Z) =>
    z
      .enum(PYTHON_VERSIONS, {
        description: 'Python version of the image and CI',
      })
      .default('3.13'),
  database: (z: Z) =>
    z
      .enum(DATABASES, { description: 'Database of the service' })
      .default('sqlite'),
  auth: (z: Z) =>
    z
      .enum(AUTH_MODES, {
        description: 'Authentication: OAuth2 password flow with JWT, or none',
      })
      .default('jwt'),
  resource: (z: Z) =>
    z
      .string({
        description:
          'The example CRUD resource, plural, e.g. items or order-lines',
      })
      .superRefine(refineWith(resourceNameProblem))
      .default('items'),
  websockets: (z: Z) =>
    z.boolean({ description: 'Add a WebSocket endpoint' }).default(false),
  backgroundTasks: (z: Z) =>
    z.boolean({ description: 'Add a background task example' }).default(false),
  corsOrigins: (z: Z) =>
    z
      .array(
        z.string().superRefine(
          refineWith(v => {
            const problem = corsOriginProblem(v);
            return problem && `CORS origin ${problem}`;
          }),
        ),
        {
          description:
            'Browser origins allowed by CORS, e.g. https://app.example.com',
        },
      )
      .max(MAX_ORIGINS, `at most ${MAX_ORIGINS} CORS origins`)
      .default(['http://localhost:3000']),
  workers: (z: Z) =>
    z
      .number({ description: 'Worker processes of the container command' })
      .int('workers must be a whole number')
      .min(1, 'workers must be at least 1')
      .max(32, 'workers must be at most 32')
      .default(4),
  skeleton: (z: Z) =>
    z
      .string({
        description:
          'Where the skeleton lives, relative to the template (like fetch:template url) or absolute URL',
      })
      .default('./skeleton'),
  targetPath: (z: Z) =>
    z
      .string({ description: 'Directory inside the workspace to render into' })
      .default('./'),
  repoUrl: (z: Z) =>
    z
      .string({
        description:
          'Where the repository will be published (RepoUrlPicker value); GitHub targets get github.com/project-slug and source-location annotations',
      })
      .optional(),
  replace: (z: Z) =>
    z
      .boolean({
        description:
          'Overwrite files that already exist in the target directory',
      })
      .default(false),
};

const strictSchema = zod
  .object(
    Object.fromEntries(
      Object.entries(renderInputFields).map(([key, field]) => [
        key,
        field(zod),
      ]),
    ) as {
      [K in keyof typeof renderInputFields]: ReturnType<
        (typeof renderInputFields)[K]
      >;
    },
  )
  .strict();

/**
 * fastapi:render's input once validated, with its defaults applied.
 *
 * @public
 */
export type RenderParameters = zod.output<typeof strictSchema>;

/**
 * Validates the action input, with a message naming every bad field.
 *
 * @public
 */
export function parseRenderParameters(input: unknown): RenderParameters {
  const result = strictSchema.safeParse(input);
  if (!result.success) {
    const messages = result.error.issues.map(issue => {
      const field = issue.path.join('.');
      return issue.code === 'custom' || !field
        ? issue.message
        : `${field}: ${issue.message}`;
    });
    throw new InputError(
      `Invalid fastapi:render input: ${messages.join('; ')}`,
    );
  }
  const params = result.data;
  return {
    ...params,
    owner: stringifyEntityRef(
      parseEntityRef(params.owner, { defaultKind: 'group' }),
    ),
    system: params.system
      ? stringifyEntityRef(
          parseEntityRef(params.system, { defaultKind: 'system' }),
        )
      : '',
    // URL.origin drops a lone trailing slash (https://app.example.com/ is that origin).
    corsOrigins: [
      ...new Set(params.corsOrigins.map(origin => new URL(origin).origin)),
    ],
  };
}
