import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

const workflow = (uses: string) =>
  [
    'on: [push]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - name: Test',
    `        uses: ${uses}`,
    '        with:',
    '          database: postgres',
  ].join('\n');

const compositeAction = (run: string[]) =>
  [
    'name: test',
    'runs:',
    '  using: "composite"',
    '  steps:',
    '    - name: Install',
    '      shell: bash',
    '      run: pip install hatch',
    '    - name: Test with pytest',
    '      shell: bash',
    '      run: |',
    ...run.map(line => `        ${line}`),
  ].join('\n');

describe('ci: tests run by a composite action of the repository (issue 12)', () => {
  it('passes when a workflow step uses a local action whose steps run the tests', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': workflow('./.github/actions/test'),
      '.github/actions/test/action.yml': compositeAction([
        'hatch run test-cov-xml',
      ]),
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      '.github/workflows/ci.yml:8 uses .github/actions/test/action.yml',
      '.github/actions/test/action.yml:11 which runs the tests',
    ]);
  });

  it('follows a script the action runs, and an action.yaml', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': workflow('./ci/actions/tests/'),
      '.github/actions/test/action.yml': null,
      'ci/actions/tests/action.yaml': compositeAction(['bash scripts/test.sh']),
      'scripts/test.sh': 'set -e\npython -m pytest tests\n',
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      '.github/workflows/ci.yml:8 uses ci/actions/tests/action.yaml',
      'scripts/test.sh:2 which runs the tests',
    ]);
  });

  it('still warns when the local action only installs or lints, or does not exist', async () => {
    const lintOnly = await checkOf('ci', {
      '.github/workflows/ci.yml': workflow('./.github/actions/lint'),
      '.github/actions/lint/action.yml': compositeAction(['hatch run lint']),
    });
    expect(lintOnly.status).toBe('warn');

    const missing = await checkOf('ci', {
      '.github/workflows/ci.yml': workflow('./.github/actions/test'),
    });
    expect(missing.status).toBe('warn');
  });
});
