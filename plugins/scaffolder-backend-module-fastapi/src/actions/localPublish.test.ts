import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { createLocalPublishAction } from './localPublish';
import { examples } from './localPublish.examples';

describe('fastapi:local:publish', () => {
  const root = createMockDirectory();
  const workspace = createMockDirectory();
  const local = {
    root: root.path,
    defaultAuthor: { name: 'Default Author', email: 'default@example.com' },
  };

  beforeEach(() => {
    root.clear();
    workspace.setContent({
      'app/main.py': 'app = 1\n',
      'catalog-info.yaml': 'kind: Component\n',
      service: { 'README.md': '# x' },
    });
  });

  async function run(
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    actionOptions: Partial<Parameters<typeof createLocalPublishAction>[0]> = {},
  ) {
    const outputs: Record<string, any> = {};
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
      ...extra,
    });
    ctx.output = (name: string, value: unknown) => {
      outputs[name] = value;
    };
    Object.assign(ctx, extra);
    await createLocalPublishAction({ local, ...actionOptions }).handler(
      ctx as any,
    );
    return outputs;
  }

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example "%s"',
    async (_, example) => {
      const [step] = parseYaml(example).steps;
      const output = await run(step.input);
      const repo = path.join(root.path, step.input.name);
      expect(output.repoPath).toBe(repo);
      expect(output.catalogInfoUrl).toBe(`file://${repo}/catalog-info.yaml`);
      const [commit] = await git.log({ fs, dir: repo });
      expect(commit.oid).toBe(output.commitHash);
      expect(await git.currentBranch({ fs, dir: repo })).toBe(
        step.input.defaultBranch ?? 'main',
      );
    },
  );

  it('records the repository as the source location of every entity in catalog-info.yaml', async () => {
    workspace.setContent({
      'catalog-info.yaml':
        'kind: Component\nmetadata:\n  name: orders-api\n  description: "keep: me"\n---\nkind: API\nmetadata:\n  name: orders-api\nspec:\n  definition:\n    $text: ./openapi.json\n',
      'openapi.json': '{"openapi": "3.1.0"}',
    });
    await run({ name: 'orders-api' });
    const repo = path.join(root.path, 'orders-api');
    const documents = parseAllDocuments(
      fs.readFileSync(path.join(repo, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJS());
    expect(
      documents.map(
        d => d.metadata.annotations['backstage.io/source-location'],
      ),
    ).toEqual([`file:${repo}/`, `file:${repo}/`]);
    expect(documents[0].metadata.description).toBe('keep: me');
    // The catalog cannot resolve $text next to a file location: the definition is inlined.
    expect(documents[1].spec.definition).toBe('{"openapi": "3.1.0"}');
  });

  it('authors the commit as the task user when the catalog knows them', async () => {
    await run(
      { name: 'orders-api' },
      {
        user: {
          entity: {
            metadata: { name: 'jane' },
            spec: {
              profile: { displayName: 'Jane Doe', email: 'jane@example.com' },
            },
          },
        },
      },
    );
    const [commit] = await git.log({
      fs,
      dir: path.join(root.path, 'orders-api'),
    });
    expect(commit.commit.author).toMatchObject({
      name: 'Jane Doe',
      email: 'jane@example.com',
    });
  });

  it('refuses an existing name, a bad name and a source outside the workspace, changing nothing', async () => {
    fs.mkdirSync(path.join(root.path, 'taken'));
    // the message names the repository, not the server's directories
    await expect(run({ name: 'taken' })).rejects.toThrow(
      /^A repository named "taken" already exists in the local repositories root; choose another name$/,
    );
    await expect(run({ name: '../escape' })).rejects.toThrow(
      'Repository name "../escape" must be 1–63 lowercase letters, digits and single hyphens',
    );
    await expect(run({ name: 'ok-name', sourcePath: '../..' })).rejects.toThrow(
      'sourcePath "../.." is outside the workspace',
    );
    await expect(
      run({ name: 'ok-name', defaultBranch: 'release/.next' }),
    ).rejects.toThrow(
      'defaultBranch "release/.next" is not a usable branch name',
    );
    expect(fs.readdirSync(root.path)).toEqual(['taken']);
  });

  describe('refuses a workspace that would not stay a repository of its own, creating nothing', () => {
    const outside = createMockDirectory();

    it.each([['.git'], ['.GIT'], ['service/.git']])(
      'a %s directory (its config would become the repository’s)',
      async gitDir => {
        workspace.addContent({
          [`${gitDir}/config`]: '[core]\n\tfsmonitor = "touch owned"\n',
          [`${gitDir}/HEAD`]: 'ref: refs/heads/planted\n',
        });
        for (const isDryRun of [true, false]) {
          await expect(
            run({ name: 'orders-api' }, { isDryRun }),
          ).rejects.toThrow(
            `The workspace holds ${gitDir}: a repository's own git metadata is never published`,
          );
        }
        expect(fs.readdirSync(root.path)).toEqual([]);
      },
    );

    it('a symbolic link out of the workspace (catalog-info.yaml was rewritten through it)', async () => {
      outside.setContent({
        'victim.yaml': 'kind: Component\nmetadata:\n  name: victim\n',
      });
      workspace.setContent({ 'app/main.py': 'app = 1\n' });
      fs.symlinkSync(
        path.join(outside.path, 'victim.yaml'),
        path.join(workspace.path, 'catalog-info.yaml'),
      );
      await expect(run({ name: 'orders-api' })).rejects.toThrow(
        `The workspace's symbolic link catalog-info.yaml points outside the directory being published (${path.join(
          outside.path,
          'victim.yaml',
        )})`,
      );
      fs.rmSync(path.join(workspace.path, 'catalog-info.yaml'));
      fs.symlinkSync('../../etc/passwd', path.join(workspace.path, 'app/x'));
      await expect(run({ name: 'orders-api' })).rejects.toThrow(
        "The workspace's symbolic link app/x points outside the directory being published (../../etc/passwd)",
      );
      expect(
        fs.readFileSync(path.join(outside.path, 'victim.yaml'), 'utf8'),
      ).toBe('kind: Component\nmetadata:\n  name: victim\n');
      expect(fs.readdirSync(root.path)).toEqual([]);
    });

    it('but publishes a relative link inside it as the same link', async () => {
      fs.symlinkSync(
        'service/README.md',
        path.join(workspace.path, 'README.md'),
      );
      await run({ name: 'orders-api' });
      const repo = path.join(root.path, 'orders-api');
      expect(fs.readlinkSync(path.join(repo, 'README.md'))).toBe(
        'service/README.md',
      );
      expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# x');
    });
  });

  it('writes nothing in a dry run', async () => {
    const output = await run({ name: 'orders-api' }, { isDryRun: true });
    expect(output.repoPath).toBe(path.join(root.path, 'orders-api'));
    expect(fs.readdirSync(root.path)).toEqual([]);
  });

  it('explains how to enable the target when it is not configured', async () => {
    const ctx = createMockActionContext({
      input: { name: 'x1' } as any,
      workspacePath: workspace.path,
    });
    await expect(
      createLocalPublishAction({}).handler(ctx as any),
    ).rejects.toThrow(
      'The local publish target is not configured: set fastapiGoldenPath.local.root in app-config',
    );
  });

  it('links the repository to its read-only view in the portal: view-url on every entity and the viewUrl output', async () => {
    workspace.setContent({
      'catalog-info.yaml':
        'kind: Component\nmetadata:\n  name: orders-api\n---\nkind: API\nmetadata:\n  name: orders-api-api\n',
    });
    const discovery = {
      getExternalBaseUrl: jest.fn(
        async (pluginId: string) => `http://portal.example/api/${pluginId}`,
      ),
    };
    const output = await run({ name: 'orders-api' }, {}, { discovery });
    const viewUrl =
      'http://portal.example/api/fastapi-checklist/local/orders-api/';
    expect(output.viewUrl).toBe(viewUrl);
    const repo = path.join(root.path, 'orders-api');
    const documents = parseAllDocuments(
      fs.readFileSync(path.join(repo, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJS());
    expect(
      documents.map(d => d.metadata.annotations['backstage.io/view-url']),
    ).toEqual([viewUrl, viewUrl]);
    // the annotations are committed, as the view shows HEAD
    const status = await git.statusMatrix({ fs, dir: repo });
    expect(status.filter(([, , workdir, stage]) => workdir !== stage)).toEqual(
      [],
    );
    const dryRun = await run(
      { name: 'other' },
      { isDryRun: true },
      { discovery },
    );
    expect(dryRun.viewUrl).toBe(
      'http://portal.example/api/fastapi-checklist/local/other/',
    );
  });

  it('logs the repository by name and the author without server paths or angle brackets', async () => {
    const info = jest.fn();
    const logger = {
      info,
      warn: jest.fn(),
      error: jest.fn(),
      debug: jest.fn(),
      child: jest.fn(),
    };
    await run({ name: 'orders-api' }, { logger });
    const lines = info.mock.calls.map(([line]) => String(line));
    expect(lines.join('\n')).not.toContain(root.path);
    expect(lines.join('\n')).not.toMatch(/[<>]/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^Created the local repository orders-api at commit [0-9a-f]{7}, authored by Default Author \(e-mail default@example\.com\)$/,
      ),
    );
  });
});
