import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles, runRender, TEMPLATE_DIR } from '../__testUtils__/renderHarness';
import { parseUpgradeRecord } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
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

  const upgrade = (
    input: Record<string, unknown>,
    templateVersion?: string,
    log?: string[],
  ) =>
    runUpgrade({
      templateVersion,
      log,
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
      upToDate: false,
      added: ['SECURITY.md'],
      // README and catalog-info name the template version the service follows.
      changed: ['Dockerfile', 'README.md', 'catalog-info.yaml'],
      removed: ['docs/index.md'],
      conflicts: [],
      conflictList: '',
      summary: 'Upgrade 0.1.0 → 0.2.0: 1 added, 3 changed, 1 removed, 0 conflicts',
      record: 'Golden-Path-Upgrade: 0.1.0 -> 0.2.0\nGolden-Path-Conflicts: 0',
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
    const markers = read('Dockerfile').split('\n').indexOf('<<<<<<< service') + 1;
    expect(outputs.conflicts).toEqual([
      {
        path: 'Dockerfile',
        kind: 'content',
        lines: [{ start: markers, end: markers + 4 }],
      },
    ]);
    expect(read('Dockerfile')).toMatch(
      /<<<<<<< service\n# Build stage, ours\n=======\n# Build stage, hardened\n>>>>>>> fastapi-service 0\.2\.0\n/,
    );
    expect(read('README.md')).toMatch(/^Our intro\.\n[\s\S]*New section from the template\.\n$/);
    expect(read('app/ours.py')).toBe('OURS = 1\n');
  });

  it('lists every conflict with its file and the lines of its markers, in the outputs, the log and the change record', async () => {
    const replace = (file: string, from: RegExp, to: string) =>
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
    // The template changes two separate places of the Dockerfile, adds SECURITY.md,
    // removes docs/index.md and changes .dockerignore.
    replace(next('Dockerfile'), /^# Build stage.*$/m, '# Build stage, hardened');
    fs.appendFileSync(next('Dockerfile'), '# 0.2.0 tail\n');
    fs.writeFileSync(next('SECURITY.md'), '# Reporting a vulnerability\n');
    fs.rmSync(next('docs/index.md'));
    fs.appendFileSync(next('.dockerignore'), 'coverage/\n');
    await createService();
    // The owners changed the same places, added their own SECURITY.md, edited the docs
    // the template removes, deleted .dockerignore and compose.yaml (the template does
    // not change compose.yaml: it just stays deleted).
    replace(service('Dockerfile'), /^# Build stage.*$/m, '# Build stage, ours');
    fs.appendFileSync(service('Dockerfile'), '# our tail\n');
    fs.writeFileSync(service('SECURITY.md'), '# Ours\n');
    fs.appendFileSync(service('docs/index.md'), 'Our notes.\n');
    fs.rmSync(service('.dockerignore'));
    fs.rmSync(service('compose.yaml'));
    const log: string[] = [];

    const outputs = await upgrade({}, undefined, log);

    const dockerfile = read('Dockerfile').split('\n');
    const starts = dockerfile.flatMap((line, i) => (line === '<<<<<<< service' ? [i + 1] : []));
    const ends = dockerfile.flatMap((line, i) =>
      line === '>>>>>>> fastapi-service 0.2.0' ? [i + 1] : [],
    );
    expect(starts).toHaveLength(2);
    expect(outputs.conflicts).toEqual([
      { path: '.dockerignore', kind: 'deleted-modified', lines: [] },
      {
        path: 'Dockerfile',
        kind: 'content',
        lines: [
          { start: starts[0], end: ends[0] },
          { start: starts[1], end: ends[1] },
        ],
      },
      { path: 'SECURITY.md', kind: 'added-both', lines: [] },
      { path: 'docs/index.md', kind: 'modified-deleted', lines: [] },
    ]);
    // Each side's lines between the markers.
    expect(dockerfile.slice(starts[1] - 1, ends[1])).toEqual([
      '<<<<<<< service',
      '# our tail',
      '=======',
      '# 0.2.0 tail',
      '>>>>>>> fastapi-service 0.2.0',
    ]);
    // Deleted by the owners: stays deleted, whether the template changed it or not.
    expect(fs.existsSync(service('.dockerignore'))).toBe(false);
    expect(fs.existsSync(service('compose.yaml'))).toBe(false);
    // The owners' versions are kept where the conflict is about the whole file.
    expect(read('SECURITY.md')).toBe('# Ours\n');
    expect(read('docs/index.md')).toMatch(/Our notes\.\n$/);
    expect(log).toEqual(
      expect.arrayContaining([
        'Upgrade 0.1.0 → 0.2.0: 0 added, 3 changed, 0 removed, 4 conflicts',
        `Conflict: Dockerfile lines ${starts[0]}–${ends[0]}, ${starts[1]}–${ends[1]} (both changed the same lines)`,
        'Conflict: SECURITY.md (the new version adds a file the service already has; the service’s is kept)',
        'Conflict: .dockerignore (the new version changes a file the service deleted; it stays deleted)',
        'Conflict: docs/index.md (the new version removes a file the service changed; it is kept)',
      ]),
    );
    expect(outputs.conflictList).toBe(
      [
        '- Conflict: .dockerignore (the new version changes a file the service deleted; it stays deleted)',
        `- Conflict: Dockerfile lines ${starts[0]}–${ends[0]}, ${starts[1]}–${ends[1]} (both changed the same lines)`,
        '- Conflict: SECURITY.md (the new version adds a file the service already has; the service’s is kept)',
        '- Conflict: docs/index.md (the new version removes a file the service changed; it is kept)',
        '',
      ].join('\n'),
    );
    expect(parseUpgradeRecord(outputs.record as string)).toEqual({
      fromVersion: '0.1.0',
      toVersion: '0.2.0',
      conflicts: outputs.conflicts,
    });
  });

  it('says a service already on the version is up to date, and changes nothing', async () => {
    fs.appendFileSync(next('Dockerfile'), '# 0.2.0\n');
    await createService();
    fs.mkdirSync(service('.golden-path'));
    fs.writeFileSync(
      service('.golden-path/answers.yaml'),
      `template: fastapi-service\nversion: 0.2.0\nanswers: ${JSON.stringify(answers)}\n`,
    );
    const before = readAll(service(''), listFiles(service('')));
    const log: string[] = [];

    const outputs = await upgrade({ answers: undefined }, undefined, log);

    expect(outputs).toMatchObject({
      fromVersion: '0.2.0',
      toVersion: '0.2.0',
      upToDate: true,
      added: [],
      changed: [],
      removed: [],
      conflicts: [],
      summary:
        'The service is already on the FastAPI golden path 0.2.0: nothing to upgrade, no change made',
    });
    expect(log).toEqual([outputs.summary]);
    expect(readAll(service(''), listFiles(service('')))).toEqual(before);
    // Nothing was rendered either.
    expect(fs.readdirSync(temp.path)).toEqual(['render']);
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
      "Version 0.2.0 does not accept the service's recorded answers, so nothing was changed: name must start with a lowercase letter (got \"Bad_Name\")",
    ],
    [
      'an answer the new version no longer accepts, naming it and why',
      { answers: { template: 'fastapi-service', version: '0.1.0', values: { ...answers, workers: 64 } } },
      "Version 0.2.0 does not accept the service's recorded answers, so nothing was changed: workers: workers must be at most 32",
    ],
    [
      'a service on a newer version than the target',
      { answers: { template: 'fastapi-service', version: '0.3.0', values: answers } },
      'The service records version 0.3.0, newer than 0.2.0: an upgrade never goes back',
    ],
    [
      'a path outside the workspace',
      { path: '../elsewhere' },
      /path "\.\.\/elsewhere" is outside the workspace/,
    ],
  ])('refuses %s and changes nothing', async (_, input, message) => {
    fs.appendFileSync(next('Dockerfile'), '# 0.2.0\n');
    fs.writeFileSync(next('SECURITY.md'), '# new\n');
    await createService();
    const before = readAll(service(''), listFiles(service('')));
    await expect(upgrade(input)).rejects.toThrow(message);
    expect(readAll(service(''), listFiles(service('')))).toEqual(before);
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
