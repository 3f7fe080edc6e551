import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const config = goodService['app/config.py'].replace(
  / {4}SECRET_KEY: str = "changethis"\n/,
  '    SECRET_KEY: str\n',
);

const compose = (url: string) =>
  [
    'services:',
    '  api:',
    '    build: .',
    '    env_file:',
    '      - .env',
    '    environment:',
    `      DATABASE_URL: ${url}`,
  ].join('\n');

describe('env-secrets: a connection URL with a password in a compose file (issue 12)', () => {
  it('warns on it whatever the variable is called, like a POSTGRES_PASSWORD there', async () => {
    const item = await checkOf('env-secrets', {
      'app/config.py': config,
      'compose.yaml': compose('postgresql+psycopg://app:s3cret@db:5432/app'),
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/config.py:7 settings class',
      'compose.yaml:7 DATABASE_URL is a literal credential in a compose file',
    ]);
  });

  it('passes on a URL whose password comes from the environment, or with no password', async () => {
    for (const url of [
      'postgresql://app:${POSTGRES_PASSWORD}@db/app',
      'postgresql://app@db/app',
      'redis://redis:6379/0',
    ]) {
      const item = await checkOf('env-secrets', {
        'app/config.py': config,
        'compose.yaml': compose(url),
      });
      expect(item.status).toBe('pass');
    }
  });
});
