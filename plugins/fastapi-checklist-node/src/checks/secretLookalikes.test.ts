import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

describe('env-secrets: names and values that only look like secrets (issue 12)', () => {
  it('does not take a token audience or issuer, or a build-time marker, for a secret', async () => {
    const item = await checkOf('env-secrets', {
      'app/tokens.py': [
        'RESET_PASSWORD_TOKEN_AUDIENCE = "shop:reset"',
        'ACCESS_TOKEN_ISSUER = "shop-auth"',
        '# replaced by the release job (scripts/set_key.py)',
        'ANALYTICS_API_KEY = "__ANALYTICS_API_KEY__"',
      ].join('\n'),
    });
    expect(item.status).toBe('warn'); // the fixture's own refused default only
    expect(evidenceLines(item)).not.toContainEqual(
      expect.stringContaining('app/tokens.py'),
    );
  });

  it('still fails on a real literal beside them, and on a marker-like value that is not one', async () => {
    const item = await checkOf('env-secrets', {
      'app/tokens.py': [
        'RESET_PASSWORD_TOKEN_AUDIENCE = "shop:reset"',
        'ANALYTICS_API_KEY = "__ANALYTICS_API_KEY__"',
        'SIGNING_KEY = "__init__-but-real"',
        'RESET_TOKEN_SECRET = "s3cr3t-value"',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/tokens.py:3 SIGNING_KEY is a hard-coded secret',
      'app/tokens.py:4 RESET_TOKEN_SECRET is a hard-coded secret',
    ]);
  });
});
