import { checkOf } from '../__fixtures__/analyzeFixture';

/**
 * A committed workflow file that is empty (or holds only comments) defines no jobs: GitHub
 * reports it as invalid and runs nothing, so it is no CI configuration (the twelfth corpus
 * round's ETL service commits a 0-byte `.github/workflows/ci.yml`).
 */
describe('ci: empty configuration files', () => {
  it('fails when the only workflow file is empty', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': '',
    });
    expect(item.status).toBe('fail');
    expect(item.summary).toContain('.github/workflows/ci.yml is empty');
  });

  it('fails when the only CI file holds nothing but comments and blank lines', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': null,
      '.gitlab-ci.yml': '# TODO: run the tests\n\n   \n# later\n',
    });
    expect(item.status).toBe('fail');
  });

  it('still warns for a real workflow that runs no tests beside an empty one', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': '',
      '.github/workflows/lint.yml': [
        'on: push',
        'jobs:',
        '  lint:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: ruff check .',
      ].join('\n'),
    });
    expect(item.status).toBe('warn');
  });
});
