import { isDotEnvIgnored } from './dotEnvIgnored';

const filesOf = (entries: Record<string, string>) =>
  new Map(
    Object.entries(entries).map(([path, text]) => [path, Buffer.from(text)]),
  );

describe('isDotEnvIgnored', () => {
  it.each([
    ['.env\n'],
    ['/.env\n'],
    ['**/.env\n'],
    ['.env*\n'],
    ['*.env\n'],
    ['# secrets\n\n.env\n'],
  ])('sees .env ignored by %j at the repository root', rules => {
    expect(isDotEnvIgnored(filesOf({ '.gitignore': rules }), '')).toBe(true);
  });

  it('is false without a rule for .env, or when a later rule re-includes it', () => {
    expect(isDotEnvIgnored(filesOf({ '.gitignore': '.venv/\n' }), '')).toBe(
      false,
    );
    expect(isDotEnvIgnored(filesOf({}), '')).toBe(false);
    expect(
      isDotEnvIgnored(filesOf({ '.gitignore': '.env*\n!.env\n' }), ''),
    ).toBe(false);
  });

  it("reads a nested service's own .gitignore and those above it, deeper rules winning", () => {
    expect(
      isDotEnvIgnored(filesOf({ 'backend/.gitignore': '.env\n' }), 'backend'),
    ).toBe(true);
    expect(
      isDotEnvIgnored(filesOf({ '.gitignore': 'backend/.env\n' }), 'backend'),
    ).toBe(true);
    expect(
      isDotEnvIgnored(
        filesOf({ '.gitignore': '.env\n', 'backend/.gitignore': '!.env\n' }),
        'backend',
      ),
    ).toBe(false);
  });

  it("ignores other directories' .gitignore files", () => {
    expect(
      isDotEnvIgnored(filesOf({ 'frontend/.gitignore': '.env\n' }), 'backend'),
    ).toBe(false);
    expect(
      isDotEnvIgnored(filesOf({ 'backend/.gitignore': '.env\n' }), ''),
    ).toBe(false);
    expect(isDotEnvIgnored(filesOf({ 'x.gitignore': '.env\n' }), '')).toBe(
      false,
    );
  });
});
