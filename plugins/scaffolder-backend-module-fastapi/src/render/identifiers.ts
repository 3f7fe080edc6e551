import {
  GENERATED_REPO_MODULES,
  PYTHON_KEYWORDS,
  PYTHON_STDLIB_MODULES,
} from './reservedNames';

/**
 * Lowercase words joined by single hyphens, starting with a letter.
 *
 * @public
 */
export const KEBAB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Resource names the skeleton's own modules and models already use. */
const SKELETON_OWN_NAMES = new Set([
  'user',
  'users',
  'auth',
  'token',
  'tokens',
  'health',
  'login',
  'signup',
  'me',
  'ws',
  'websocket',
  'websockets',
  'config',
  'database',
  'dependencies',
  'main',
  'models',
  'routers',
  'services',
  'errors',
  'logging_config',
  // Modules and classes the generated code already names: app/services/notifications.py,
  // app/store.py (Store), sqlmodel's Session and Field, fastapi's Query.
  'notification',
  'notifications',
  'store',
  'stores',
  'session',
  'sessions',
  'field',
  'fields',
  'query',
  'queries',
]);

/**
 * Longer resource names push generated class definitions past the 88-column line limit.
 *
 * @public
 */
export const MAX_RESOURCE_LENGTH = 32;

export function snakeCase(kebab: string): string {
  return kebab.replace(/-/g, '_');
}

/**
 * Why a kebab-case name cannot become the given kind of Python identifier, or
 * undefined when it can. The message says what to change.
 */
export function kebabNameProblem(
  value: string,
  what: 'name' | 'resource',
): string | undefined {
  if (value.length < 2 || value.length > 63) {
    return `${what} must be 2 to 63 characters long (got ${value.length})`;
  }
  if (!/^[a-z]/.test(value)) {
    return `${what} must start with a lowercase letter (got "${value}")`;
  }
  if (/--/.test(value)) {
    return `${what} must not contain consecutive hyphens (got "${value}")`;
  }
  if (value.endsWith('-')) {
    return `${what} must not end with a hyphen (got "${value}")`;
  }
  if (!KEBAB_NAME.test(value)) {
    return `${what} may contain only lowercase letters, digits and single hyphens (got "${value}")`;
  }
  const snake = snakeCase(value);
  if (PYTHON_KEYWORDS.has(snake)) {
    return `${what} "${value}" becomes the Python keyword "${snake}"; choose another`;
  }
  if (PYTHON_STDLIB_MODULES.has(snake)) {
    return `${what} "${value}" becomes "${snake}", a Python standard-library module; choose another`;
  }
  if (GENERATED_REPO_MODULES.has(snake)) {
    return `${what} "${value}" becomes "${snake}", a module the generated service depends on; choose another`;
  }
  return undefined;
}

export function resourceNameProblem(value: string): string | undefined {
  const problem = kebabNameProblem(value, 'resource');
  if (problem) return problem;
  if (value.length > MAX_RESOURCE_LENGTH) {
    return `resource must be at most ${MAX_RESOURCE_LENGTH} characters long (got ${value.length})`;
  }
  const { plural, singular } = inflect(snakeCase(value));
  for (const form of [plural, singular]) {
    if (SKELETON_OWN_NAMES.has(form)) {
      return `resource "${value}" collides with the service's own "${form}" module; choose another`;
    }
    const clash = kebabNameProblem(form.replace(/_/g, '-'), 'resource');
    if (clash) return clash;
  }
  return undefined;
}

/**
 * Singular and plural forms of a snake_case noun. English is irregular; these rules
 * cover the usual API resource names and always give two different words, which the
 * skeleton needs for `item` vs `items` variables.
 */
export function inflect(snake: string): { singular: string; plural: string } {
  const parts = snake.split('_');
  const last = parts.pop()!;
  const join = (word: string) => [...parts, word].join('_');
  if (/[^aeiou]ies$/.test(last)) {
    return { plural: snake, singular: join(`${last.slice(0, -3)}y`) };
  }
  if (/(ss|us|is)$/.test(last)) {
    return { singular: snake, plural: join(`${last}es`) };
  }
  if (/(x|ch|sh|ss|us)es$/.test(last)) {
    return { plural: snake, singular: join(last.slice(0, -2)) };
  }
  if (last.endsWith('s')) {
    return { plural: snake, singular: join(last.slice(0, -1)) };
  }
  if (/[^aeiou]y$/.test(last)) {
    return { singular: snake, plural: join(`${last.slice(0, -1)}ies`) };
  }
  if (/(x|ch|sh)$/.test(last)) {
    return { singular: snake, plural: join(`${last}es`) };
  }
  return { singular: snake, plural: join(`${last}s`) };
}

const ACRONYMS = new Set([
  'api',
  'http',
  'id',
  'ui',
  'url',
  'sql',
  'jwt',
  'io',
]);

export function titleCase(snakeOrKebab: string): string {
  return snakeOrKebab
    .split(/[-_]/)
    .filter(Boolean)
    .map(word =>
      ACRONYMS.has(word)
        ? word.toUpperCase()
        : word[0].toUpperCase() + word.slice(1),
    )
    .join(' ');
}

export function pascalCase(snake: string): string {
  return snake
    .split('_')
    .filter(Boolean)
    .map(word => word[0].toUpperCase() + word.slice(1))
    .join('');
}
