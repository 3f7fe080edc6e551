/** One option combination of the golden path, with the free-form inputs it is rendered with. */
export type Variant = {
  /** e.g. `postgresql-jwt-ws-nobg`. */
  id: string;
  index: number;
  database: 'sqlite' | 'postgresql' | 'none';
  auth: 'jwt' | 'none';
  websockets: boolean;
  backgroundTasks: boolean;
  /** The complete fastapi:render input. */
  input: Record<string, unknown>;
};

/** User text the skeleton must carry as data: quotes, backslash, newline, braces. */
export const HOSTILE_DESCRIPTION =
  'Orders "API" for the \'shop\' \\ C:\\temp\\new\n' +
  'second line: {{ 7*7 }} and ${{ x }} and {% raw %} # not a comment';

const NAMES = [
  'orders-api',
  'billing',
  'catalog-search',
  'inventory-service',
  'user-profile-api',
  'shipping-rates',
];
const RESOURCES = [
  'items',
  'order-lines',
  'categories',
  'customer-subscriptions',
  'addresses',
  'boxes',
];
const PYTHON_VERSIONS = ['3.11', '3.12', '3.13'];
const CORS_LISTS = [
  ['http://localhost:3000'],
  [],
  ['http://localhost:3000', 'https://app.example.com:8443'],
  ['https://portal.example.org', 'http://127.0.0.1:5173', 'https://x.example'],
];
const DESCRIPTIONS = [
  HOSTILE_DESCRIPTION,
  'Keeps track of things.',
  '',
  'Tabs\tand “curly quotes”, ünïcödé, <b>html</b> & [md](links) `code` *stars*',
];
const WORKERS = [2, 1, 3, 2];

/**
 * All 24 combinations of database × auth × websockets × background tasks. The free-form
 * inputs (service and resource names, Python version, CORS origins, description, owner,
 * system, workers) rotate across variants so each combination meets different text.
 */
export function allVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const database of ['sqlite', 'postgresql', 'none'] as const)
    for (const auth of ['jwt', 'none'] as const)
      for (const websockets of [true, false])
        for (const backgroundTasks of [true, false]) {
          const index = variants.length;
          const id = [
            database,
            auth,
            websockets ? 'ws' : 'nows',
            backgroundTasks ? 'bg' : 'nobg',
          ].join('-');
          variants.push({
            id,
            index,
            database,
            auth,
            websockets,
            backgroundTasks,
            input: {
              name: `${NAMES[index % NAMES.length]}${
                index >= NAMES.length ? `-v${index}` : ''
              }`,
              description: DESCRIPTIONS[index % DESCRIPTIONS.length],
              owner: index % 2 ? 'user:default/ada' : 'group:default/team-a',
              system: index % 3 ? '' : 'system:default/shop',
              lifecycle: index % 2 ? 'production' : 'experimental',
              pythonVersion: PYTHON_VERSIONS[index % PYTHON_VERSIONS.length],
              database,
              auth,
              resource: RESOURCES[(index * 5) % RESOURCES.length],
              websockets,
              backgroundTasks,
              corsOrigins: CORS_LISTS[index % CORS_LISTS.length],
              workers: WORKERS[index % WORKERS.length],
            },
          });
        }
  return variants;
}

/** The four choices that make a variant, without its free-form inputs. */
export type VariantOptions = Pick<
  Variant,
  'database' | 'auth' | 'websockets' | 'backgroundTasks'
>;

export function variantOptions(variant: Variant): VariantOptions {
  const { database, auth, websockets, backgroundTasks } = variant;
  return { database, auth, websockets, backgroundTasks };
}

export function variantById(id: string): Variant {
  const variant = allVariants().find(v => v.id === id);
  if (!variant) throw new Error(`There is no variant ${id} in the matrix`);
  return variant;
}
