import { directoryOf, isInDirectory } from './relativePaths';

describe('repository-relative paths', () => {
  it('knows what lies in a directory, without touching the disk', () => {
    expect(isInDirectory('backend/app/main.py', 'backend')).toBe(true);
    expect(isInDirectory('backend/app/main.py', '')).toBe(true);
    expect(isInDirectory('backend', 'backend')).toBe(true);
    expect(isInDirectory('backend2/main.py', 'backend')).toBe(false);
    expect(isInDirectory('main.py', 'backend')).toBe(false);
  });

  it('finds the directory of a path', () => {
    expect(directoryOf('backend/app/main.py')).toBe('backend/app');
    expect(directoryOf('main.py')).toBe('');
  });
});
