import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { listFiles, runRender } from '../__testUtils__/renderHarness';

const validInput = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/team-a',
};

/** A small skeleton exercising the renderer's mechanics, independent of the real one. */
const fixtureSkeleton = {
  'template.yaml': 'kind: Template',
  'skeleton/manifest.yaml': [
    'files:',
    '  - path: app/database.py',
    '    when: { database: [sqlite, postgresql] }',
    '  - path: app/routers/resource.py',
    '    rename: app/routers/{resource.plural}.py',
    '  - path: alembic/',
    '    when: { database: [postgresql] }',
  ].join('\n'),
  'skeleton/app/main.py':
    'DESCRIPTION = ${{ values.description | py }}\nTITLE = ${{ names.title | py }}\n',
  'skeleton/app/database.py': 'URL = "${{ values.database }}"\n',
  'skeleton/app/routers/resource.py':
    'class ${{ resource.className }}: path = "${{ resource.path }}"\n# footer for ${{ values.name }}\n',
  'skeleton/partials/footer.txt': '# footer for ${{ values.name }}\n',
  'skeleton/alembic/env.py': 'ENV = 1\n',
  'skeleton/README.md':
    '# ${{ names.title }}\n\n${{ values.description | md }}\n',
  'skeleton/docs/meta.yaml': 'description: ${{ values.description | yaml }}\n',
  'skeleton/pyproject.toml': 'description = ${{ values.description | toml }}\n',
};

describe('fastapi:render', () => {
  const templateDir = createMockDirectory();
  const workspace = createMockDirectory();
  const tempDir = createMockDirectory();

  beforeEach(() => {
    templateDir.setContent(fixtureSkeleton);
    workspace.clear();
    tempDir.clear();
  });

  const read = (file: string) =>
    fs.readFileSync(path.join(workspace.path, file), 'utf8');
  const render = (input: Record<string, unknown>, dir = templateDir.path) =>
    runRender({
      input,
      workspacePath: workspace.path,
      templateDir: dir,
      tempDir: tempDir.path,
    });

  it('renders the files the manifest selects, with derived names and renames', async () => {
    const output = await render({
      ...validInput,
      database: 'sqlite',
      resource: 'order-lines',
    });
    expect(listFiles(workspace.path)).toEqual([
      'README.md',
      'app/database.py',
      'app/main.py',
      'app/routers/order_lines.py',
      'catalog-info.yaml',
      'docs/meta.yaml',
      'partials/footer.txt',
      'pyproject.toml',
    ]);
    expect(read('app/routers/order_lines.py')).toBe(
      'class OrderLine: path = "/order-lines"\n# footer for orders-api\n',
    );
    expect(read('app/main.py')).toContain('TITLE = "Orders API"');
    expect(output.files).toContain('app/routers/order_lines.py');
    expect(output.features).toEqual({
      database: 'sqlite',
      auth: 'jwt',
      resource: 'order-lines',
      websockets: false,
      backgroundTasks: false,
      pythonVersion: '3.13',
      workers: 4,
      corsOrigins: ['http://localhost:3000'],
    });
  });

  it('reports the single worker an in-memory service really runs', async () => {
    const output = await render({
      ...validInput,
      database: 'none',
      workers: 8,
    });
    expect(output.features).toMatchObject({ database: 'none', workers: 1 });
  });

  it('follows the database option through the manifest', async () => {
    await render({ ...validInput, database: 'none' });
    expect(listFiles(workspace.path)).not.toContain('app/database.py');
    expect(listFiles(workspace.path)).not.toContain('alembic/env.py');
    workspace.clear();
    await render({ ...validInput, database: 'postgresql' });
    expect(listFiles(workspace.path)).toEqual(
      expect.arrayContaining(['app/database.py', 'alembic/env.py']),
    );
  });

  it('keeps user text literal and every file valid', async () => {
    const description =
      'He said "hi" \\ {{ 7*7 }} ${{ secrets.x }} {% raw %}\nsecond line # not a heading';
    await render({ ...validInput, description });
    const main = read('app/main.py');
    expect(main).toContain(`DESCRIPTION = ${JSON.stringify(description)}`);
    expect(parseYaml(read('docs/meta.yaml'))).toEqual({ description });
    const [component] = parseAllDocuments(read('catalog-info.yaml')).map(d =>
      d.toJS(),
    );
    expect(component.metadata.description).toBe(description);
    const readme = read('README.md');
    expect(readme).toContain('\\{\\{ 7\\*7 \\}\\}');
    expect(readme).not.toMatch(/^#.*not a heading/m);
    expect(read('pyproject.toml')).toBe(
      `description = ${JSON.stringify(description)}\n`,
    );
  });

  it.each([
    [{ name: 'x' }, 'name must be 2 to 63 characters long (got 1)'],
    [{ name: 'a'.repeat(64) }, 'name must be 2 to 63 characters long (got 64)'],
    [
      { name: '1orders' },
      'name must start with a lowercase letter (got "1orders")',
    ],
    [
      { name: 'Orders' },
      'name must start with a lowercase letter (got "Orders")',
    ],
    [
      { name: 'orders--api' },
      'name must not contain consecutive hyphens (got "orders--api")',
    ],
    [{ name: 'orders-' }, 'name must not end with a hyphen (got "orders-")'],
    [
      { name: 'orders_api' },
      'name may contain only lowercase letters, digits and single hyphens (got "orders_api")',
    ],
    [
      { name: 'class' },
      'name "class" becomes the Python keyword "class"; choose another',
    ],
    [
      { name: 'test' },
      'name "test" becomes "test", a Python standard-library module; choose another',
    ],
    [
      { name: 'logging' },
      'name "logging" becomes "logging", a Python standard-library module; choose another',
    ],
    [
      { name: 'fastapi' },
      'name "fastapi" becomes "fastapi", a module the generated service depends on; choose another',
    ],
    [
      { name: 'sqlmodel' },
      'name "sqlmodel" becomes "sqlmodel", a module the generated service depends on; choose another',
    ],
    [
      { resource: 'users' },
      'resource "users" collides with the service\'s own "users" module; choose another',
    ],
    [
      { resource: 'Items' },
      'resource must start with a lowercase letter (got "Items")',
    ],
    [
      { resource: 'notifications' },
      'resource "notifications" collides with the service\'s own "notifications" module; choose another',
    ],
    [
      { resource: 'sessions' },
      'resource "sessions" collides with the service\'s own "sessions" module; choose another',
    ],
    [
      { resource: 'a'.repeat(33) },
      'resource must be at most 32 characters long (got 33)',
    ],
    [
      { resource: 'json' },
      'resource "json" becomes "json", a Python standard-library module; choose another',
    ],
    [
      { owner: 'group:default/Team A' },
      'owner has an invalid entity name "Team A"',
    ],
    [
      { owner: 'component:default/x' },
      'owner must reference a group or user entity (got kind "component")',
    ],
    [
      { system: 'group:default/x' },
      'system must reference a system entity (got kind "group")',
    ],
    [
      { lifecycle: 'Prod!' },
      'lifecycle must be a lowercase word such as "experimental" (got "Prod!")',
    ],
    [
      { corsOrigins: ['https://app.example.com/path'] },
      'CORS origin "https://app.example.com/path" must be an origin without a path, query or fragment',
    ],
    [
      { corsOrigins: ['https://*.example.com'] },
      'CORS origin "https://*.example.com" must not contain wildcards',
    ],
    [
      { corsOrigins: ['ftp://example.com'] },
      'CORS origin "ftp://example.com" must use http or https',
    ],
    [
      { corsOrigins: ['example.com'] },
      'CORS origin "example.com" is not an absolute URL such as https://app.example.com',
    ],
    [
      { corsOrigins: ['https://u:p@example.com'] },
      'CORS origin "https://u:p@example.com" must not contain credentials',
    ],
    [{ workers: 0 }, 'workers: workers must be at least 1'],
    [{ workers: 33 }, 'workers: workers must be at most 32'],
    [{ workers: 1.5 }, 'workers: workers must be a whole number'],
    [
      { pythonVersion: '3.10' },
      "pythonVersion: Invalid enum value. Expected '3.11' | '3.12' | '3.13', received '3.10'",
    ],
    [
      { database: 'mysql' },
      "database: Invalid enum value. Expected 'sqlite' | 'postgresql' | 'none', received 'mysql'",
    ],
    [{ description: 'bell \u0007' }, 'description contains control characters'],
    [
      { description: 'x'.repeat(2001) },
      'description must be at most 2000 characters (got 2001)',
    ],
    [{ unexpected: true }, "Unrecognized key(s) in object: 'unexpected'"],
  ])(
    'rejects %j with a specific message and writes nothing',
    async (override, message) => {
      await expect(render({ ...validInput, ...override })).rejects.toThrow(
        `Invalid fastapi:render input: ${message}`,
      );
      expect(listFiles(workspace.path)).toEqual([]);
    },
  );

  it('refuses a targetPath inside git metadata, writing nothing', async () => {
    await expect(
      render({ ...validInput, targetPath: './service/../.git' }),
    ).rejects.toThrow(
      'targetPath ".git" is inside git metadata (".git"): a repository\'s files must not write its .git directory',
    );
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it('refuses a targetPath outside the workspace', async () => {
    await expect(
      render({ ...validInput, targetPath: '../escape' }),
    ).rejects.toThrow('targetPath "../escape" is outside the workspace');
    // The workspace's parent is listed, not walked: a walk of the whole temp directory
    // raced other processes deleting their temp folders (ENOENT on a busy machine).
    expect(
      fs
        .readdirSync(path.dirname(workspace.path))
        .filter(name => name.startsWith('escape')),
    ).toEqual([]);
  });

  it('refuses to overwrite existing files unless replace is set, writing nothing', async () => {
    workspace.setContent({ 'README.md': 'mine' });
    await expect(render(validInput)).rejects.toThrow(
      'Refusing to overwrite existing files (set replace: true to allow): README.md',
    );
    expect(listFiles(workspace.path)).toEqual(['README.md']);
    await render({ ...validInput, replace: true });
    expect(read('README.md')).toContain('# Orders API');
  });

  it('fails when template syntax from the skeleton survives, and writes nothing', async () => {
    templateDir.addContent({
      'skeleton/bad.yml': 'run: {% raw %}${{ github.sha }}{% endraw %}\n',
    });
    await expect(render(validInput)).rejects.toThrow(
      'Skeleton file bad.yml leaves template syntax "${{" in its output at line 1',
    );
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it('still detects skeleton leftovers when user text contains braces', async () => {
    templateDir.addContent({
      'skeleton/bad.txt': '{% raw %}{%{% endraw %} x\n',
    });
    await expect(
      render({ ...validInput, description: '{{ fine }}' }),
    ).rejects.toThrow(
      'Skeleton file bad.txt leaves template syntax "{%" in its output',
    );
  });

  it('never copies what a skeleton symlink points at outside the template', async () => {
    templateDir.addContent({
      'outside.txt': 'secret',
      'skeleton/leak.txt': ctx => ctx.symlink('../outside.txt'),
    });
    await render(validInput);
    expect(listFiles(workspace.path)).not.toContain('leak.txt');
  });

  it('follows symlinks to files inside the skeleton', async () => {
    templateDir.addContent({
      'skeleton/docs/index.md': ctx => ctx.symlink('../README.md'),
    });
    await render(validInput);
    expect(
      fs.lstatSync(path.join(workspace.path, 'docs/index.md')).isSymbolicLink(),
    ).toBe(false);
    expect(read('docs/index.md')).toContain('# Orders API');
  });

  it.each([
    [
      '    rename: ../outside.py',
      'manifest.yaml rename "../outside.py" must not contain ".." segments',
    ],
    [
      '    rename: /etc/passwd',
      'manifest.yaml rename "/etc/passwd" must be relative, not absolute',
    ],
    ['    when: { color: [red] }', 'has a condition on unknown value "color"'],
    [
      '    rename: x/{values.description}.py',
      'renames with unknown placeholder {values.description}',
    ],
  ])('refuses a manifest entry with %s', async (line, message) => {
    templateDir.addContent({
      'skeleton/manifest.yaml': `files:\n  - path: app/main.py\n${line}\n`,
    });
    await expect(render(validInput)).rejects.toThrow(message);
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it.each([
    ['.git/config', '.git'],
    ['.GIT/config', '.GIT'],
    ['service/.git/hooks/post-checkout', '.git'],
    ['.git. /config', '.git. '],
    ['git~1/config', 'git~1'],
    ['.g\u200Cit/config', '.g\u200Cit'],
  ])(
    'refuses a manifest rename into git metadata (%s), writing nothing',
    async (rename, segment) => {
      templateDir.addContent({
        'skeleton/manifest.yaml': `files:\n  - path: app/main.py\n    rename: ${JSON.stringify(
          rename,
        )}\n`,
      });
      await expect(render(validInput)).rejects.toThrow(
        `Skeleton file app/main.py output path "${rename}" is inside git metadata ("${segment}")`,
      );
      expect(listFiles(workspace.path)).toEqual([]);
    },
  );

  it('refuses, writing nothing, a file that is also the directory of another', async () => {
    templateDir.addContent({
      'skeleton/manifest.yaml':
        'files:\n  - path: README.md\n    rename: app\n',
    });
    await expect(render(validInput)).rejects.toThrow(
      /^Cannot write both app and app\/database\.py: app would be a file and a directory$/,
    );
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it.each([
    [
      'a file where a directory goes',
      { app: 'a file' },
      /^Cannot write app\/database\.py: app exists and is not a directory$/,
    ],
    [
      'a directory where a file goes',
      { 'README.md': { 'notes.txt': 'kept' } },
      /^Cannot write README\.md: it exists as a directory$/,
    ],
  ])(
    'refuses %s in the workspace, even with replace, naming it without server paths and writing nothing',
    async (_, existing, message) => {
      workspace.setContent(existing);
      const before = listFiles(workspace.path);
      await expect(render({ ...validInput, replace: true })).rejects.toThrow(
        message,
      );
      expect(listFiles(workspace.path)).toEqual(before);
    },
  );

  it('refuses a skeleton that carries a .git directory of its own', async () => {
    templateDir.addContent({
      'skeleton/.git/config': '[core]\n\tfsmonitor = "touch owned"\n',
    });
    await expect(render(validInput)).rejects.toThrow(
      'Skeleton file .git/config output path ".git/config" is inside git metadata (".git")',
    );
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it('names the skeleton file when a template uses an undefined value', async () => {
    templateDir.addContent({
      'skeleton/app/oops.py': 'X = ${{ values.nope }}\n',
    });
    await expect(render(validInput)).rejects.toThrow(/app\/oops\.py/);
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it('generates catalog-info.yaml, with GitHub annotations for a GitHub target', async () => {
    await render({
      ...validInput,
      repoUrl: 'github.com?owner=acme&repo=orders-api',
    });
    const [component, api] = parseAllDocuments(read('catalog-info.yaml')).map(
      d => d.toJS(),
    );
    expect(component.metadata.annotations['github.com/project-slug']).toBe(
      'acme/orders-api',
    );
    expect(component.metadata.annotations['fastapi-golden-path/template']).toBe(
      'fastapi-service@9.9.9',
    );
    expect(api.kind).toBe('API');
  });

  it('refuses a skeleton that brings its own catalog-info.yaml', async () => {
    templateDir.addContent({
      'skeleton/catalog-info.yaml': 'kind: Component\n',
    });
    await expect(render(validInput)).rejects.toThrow(
      'The skeleton must not contain catalog-info.yaml: fastapi:render generates it from the parameters',
    );
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it('says where it looked when the skeleton cannot be fetched', async () => {
    await expect(
      render({ ...validInput, skeleton: './missing' }),
    ).rejects.toThrow(
      /^Could not fetch the skeleton "\.\/missing" \(relative to file:\/\/.*template\.yaml\)/,
    );
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it('never evaluates user text as a template', async () => {
    templateDir.addContent({
      'skeleton/echo.txt': '${{ values.description }}\n',
    });
    await render({
      ...validInput,
      description: '{{ 7*7 }} {% for x in [1,2] %}{{x}}{% endfor %}',
    });
    expect(read('echo.txt')).toBe(
      '{{ 7*7 }} {% for x in [1,2] %}{{x}}{% endfor %}\n',
    );
  });
});
