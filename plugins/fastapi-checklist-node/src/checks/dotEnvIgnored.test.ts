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

  it.each<[string, Record<string, string>, string, boolean]>([
    ['no rule for .env', { '.gitignore': '.venv/\n' }, '', false],
    ['no .gitignore', {}, '', false],
    [
      'a later rule re-including it',
      { '.gitignore': '.env*\n!.env\n' },
      '',
      false,
    ],
    [
      "the service's own file",
      { 'backend/.gitignore': '.env\n' },
      'backend',
      true,
    ],
    [
      'a path rule above it',
      { '.gitignore': 'backend/.env\n' },
      'backend',
      true,
    ],
    [
      'a deeper file overriding a shallower one',
      { '.gitignore': '.env\n', 'backend/.gitignore': '!.env\n' },
      'backend',
      false,
    ],
    [
      "another directory's file",
      { 'frontend/.gitignore': '.env\n' },
      'backend',
      false,
    ],
    ["a subdirectory's file", { 'backend/.gitignore': '.env\n' }, '', false],
    [
      'a file that only ends in .gitignore',
      { 'x.gitignore': '.env\n' },
      '',
      false,
    ],
  ])('with %s: %j for root %j gives %s', (_, files, root, expected) => {
    expect(isDotEnvIgnored(filesOf(files), root)).toBe(expected);
  });
});
