import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

const deploy = (line: string, extra: string[] = []) =>
  [
    'name: deploy',
    'on: push',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: appleboy/ssh-action@master',
    '        with:',
    '          script: |',
    '            cd ~/api',
    '            echo MONGODB=${{ secrets.MONGODB }} > .env',
    `            ${line}`,
    ...extra,
  ].join('\n');

describe('env-secrets: a literal secret a committed workflow writes into an env file (corpus, eighth round)', () => {
  it('fails on a deploy script writing a literal key into the server env file', async () => {
    const item = await checkOf('env-secrets', {
      '.github/workflows/deploy.yml': deploy(
        'echo "APIKEY={teFm9>Oa$VDyz1X=cT%:nc" >> .env',
      ),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      '.github/workflows/deploy.yml:12 APIKEY is written into .env as a literal by a committed workflow',
    ]);
  });

  it('warns when the workflow writes it for its own test run, and ignores values taken from secrets', async () => {
    const tests = await checkOf('env-secrets', {
      '.github/workflows/ci.yml': deploy("echo 'SECRET_KEY=testing' >> .env", [
        '      - run: pytest',
      ]),
    });
    expect(tests.status).toBe('warn');
    expect(evidenceLines(tests)).toContainEqual(
      '.github/workflows/ci.yml:12 SECRET_KEY is written into .env as a literal by a committed workflow (for its test run)',
    );
    const fromSecrets = await checkOf('env-secrets', {
      '.github/workflows/deploy.yml': deploy(
        'echo "API_KEY=${{ secrets.API_KEY }}" >> .env && echo "TOKEN=$TOKEN" >> $GITHUB_ENV',
      ),
    });
    expect(evidenceLines(fromSecrets)).not.toContainEqual(
      expect.stringContaining('.github/workflows/deploy.yml'),
    );
  });
});
