import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles, runRender, TEMPLATE_DIR } from '../__testUtils__/renderHarness';
import { readAll, runUpgrade } from '../__testUtils__/upgradeHarness';

const answers = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/team-a',
  database: 'postgresql',
  auth: 'jwt',
  resource: 'order-lines',
};
const RELEASE = path.join(TEMPLATE_DIR, 'releases/0.1.0/skeleton');

// Each test renders the real skeleton two or three times (about a second each, several
// on a busy 2-core machine).
jest.setTimeout(60_000);

describe('fastapi:upgrade', () => {
  const template = createMockDirectory();
  const workspace = createMockDirectory();
  const temp = createMockDirectory();

  beforeEach(() => {
    template.clear();
    workspace.clear();
    temp.clear();
    // A template repository with release 0.1.0 and a next version made from it.
    fs.cpSync(RELEASE, path.join(template.path, 'releases/0.1.0/skeleton'), {
      recursive: true,
    });
    fs.cpSync(RELEASE, path.join(template.path, 'next'), { recursive: true });
    fs.writeFileSync(path.join(template.path, 'template.yaml'), 'kind: Template');
  });

  /** The service as fastapi:render made it from release 0.1.0, in workspace/service. */
  async function createService() {
    await runRender({
      input: { ...answers, skeleton: './releases/0.1.0/skeleton', targetPath: 'service' },
      workspacePath: workspace.path,
      templateDir: template.path,
      tempDir: path.join(temp.path, 'render'),
      version: '0.1.0',
    });
  }

  const upgrade = (input: Record<string, unknown>, templateVersion?: string) =>
    runUpgrade({
      templateVersion,
      input: {
        path: './service',
        releases: './releases',
        to: { version: '0.2.0', skeleton: './next' },
        answers: { template: 'fastapi-service', version: '0.1.0', values: answers },
        ...input,
      },
      workspacePath: workspace.path,
      templateDir: template.path,
      tempDir: temp.path,
    });

  const service = (file: string) =>
    path.join(workspace.path, 'service', file);
  const read = (file: string) => fs.readFileSync(service(file), 'utf8');
  const next = (file: string) => path.join(template.path, 'next', file);

  it('turns an untouched service into exactly what the new version renders', async () => {
    fs.appendFileSync(next('Dockerfile'), '# hardened in 0.2.0\n');
    fs.writeFileSync(next('SECURITY.md'), '# Reporting a vulnerability\n');
    fs.rmSync(next('docs/index.md'));
    await createService();

    const outputs = await upgrade({});

    expect(outputs).toEqual({
      fromVersion: '0.1.0',
      toVersion: '0.2.0',
      added: ['SECURITY.md'],
      // README and catalog-info name the template version the service follows.
      changed: ['Dockerfile', 'README.md', 'catalog-info.yaml'],
      removed: ['docs/index.md'],
      conflicts: [],
    });
    // The same answers rendered fresh from the new version give the same repository.
    const fresh = path.join(temp.path, 'fresh');
    await runRender({
      input: { ...answers, skeleton: './next', targetPath: 'fresh' },
      workspacePath: fresh,
      templateDir: template.path,
      tempDir: path.join(temp.path, 'render-fresh'),
      version: '0.2.0',
    });
    const upgraded = path.join(workspace.path, 'service');
    const freshDir = path.join(fresh, 'fresh');
    expect(listFiles(upgraded)).toEqual(listFiles(freshDir));
    expect(readAll(upgraded, listFiles(upgraded))).toEqual(
      readAll(freshDir, listFiles(freshDir)),
    );
  });

  it('keeps the owners’ changes and marks the ones that overlap the template’s', async () => {
    const stageComment = /^# Build stage.*$/m;
    fs.writeFileSync(
      next('Dockerfile'),
      fs.readFileSync(next('Dockerfile'), 'utf8').replace(stageComment, '# Build stage, hardened'),
    );
    fs.appendFileSync(next('README.md'), '\nNew section from the template.\n');
    await createService();
    const dockerfile = read('Dockerfile').replace(stageComment, '# Build stage, ours');
    fs.writeFileSync(service('Dockerfile'), dockerfile);
    fs.writeFileSync(service('README.md'), `Our intro.\n${read('README.md')}`);
    fs.writeFileSync(service('app/ours.py'), 'OURS = 1\n');

    const outputs = await upgrade({});

    expect(outputs.changed).toEqual([
      'Dockerfile',
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
    ]);
    expect(outputs.conflicts).toEqual([{ path: 'Dockerfile', kind: 'content' }]);
    expect(read('Dockerfile')).toMatch(
      /<<<<<<< service\n# Build stage, ours\n=======\n# Build stage, hardened\n>>>>>>> fastapi-service 0\.2\.0\n/,
    );
    expect(read('README.md')).toMatch(/^Our intro\.\n[\s\S]*New section from the template\.\n$/);
    expect(read('app/ours.py')).toBe('OURS = 1\n');
  });

  it('reads the answers the repository records instead of the input', async () => {
    fs.appendFileSync(next('Dockerfile'), '# 0.2.0\n');
    await createService();
    fs.mkdirSync(service('.golden-path'));
    fs.writeFileSync(
      service('.golden-path/answers.yaml'),
      `template: fastapi-service\nversion: 0.1.0\nanswers: ${JSON.stringify(answers)}\n`,
    );
    const outputs = await upgrade({ answers: undefined });
    expect(outputs.changed).toEqual([
      'Dockerfile',
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
    ]);
    expect(outputs.conflicts).toEqual([]);
  });

  it('upgrades to the running template’s own version when none is given', async () => {
    fs.appendFileSync(next('Dockerfile'), '# 0.3.0\n');
    await createService();
    const outputs = await upgrade({ to: { skeleton: './next' } }, '0.3.0');
    expect(outputs).toMatchObject({ fromVersion: '0.1.0', toVersion: '0.3.0' });
    expect(read('Dockerfile')).toMatch(/# 0\.3\.0\n$/);
  });

  it.each([
    [
      'a version that is a path',
      { answers: { template: 'fastapi-service', version: '../../x', values: answers } },
      /answers\.version: the template version must be a semantic version such as 0\.2\.0 \(got "\.\.\/\.\.\/x"\)/,
    ],
    [
      'no recorded answers',
      { answers: undefined },
      /The service has no \.golden-path\/answers\.yaml .* "answers" input/,
    ],
    [
      'answers that fail validation',
      { answers: { template: 'fastapi-service', version: '0.1.0', values: { ...answers, name: 'Bad_Name' } } },
      /The recorded answers cannot render version 0\.1\.0: Invalid fastapi:render input: .*name/,
    ],
    [
      'a path outside the workspace',
      { path: '../elsewhere' },
      /path "\.\.\/elsewhere" is outside the workspace/,
    ],
  ])('refuses %s and changes nothing', async (_, input, message) => {
    fs.appendFileSync(next('Dockerfile'), '# 0.2.0\n');
    await createService();
    const before = read('Dockerfile');
    await expect(upgrade(input)).rejects.toThrow(message);
    expect(read('Dockerfile')).toBe(before);
  });

  it('refuses to write through a symbolic link in the service', async () => {
    fs.writeFileSync(next('docs/extra.md'), 'extra\n');
    fs.appendFileSync(next('Dockerfile'), '# 0.2.0\n');
    await createService();
    const outside = path.join(temp.path, 'outside');
    fs.mkdirSync(outside);
    fs.rmSync(service('docs'), { recursive: true });
    fs.symlinkSync(outside, service('docs'));
    const before = read('Dockerfile');
    await expect(upgrade({})).rejects.toThrow(
      'Cannot upgrade docs/extra.md: docs is a symbolic link in the service',
    );
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(read('Dockerfile')).toBe(before);
  });
});
