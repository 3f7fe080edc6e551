import { isNewerVersion } from './useTemplateUpdate';

describe('isNewerVersion', () => {
  it.each([
    ['0.2.0', '0.1.0', true],
    ['0.10.0', '0.9.0', true],
    ['1.0.0', '0.9.9', true],
    ['0.2', '0.1.0', true],
    ['0.1.0', '0.1.0', false],
    ['0.1', '0.1.0', false],
    ['0.0.9', '0.1.0', false],
    ['0.2.0', 'unknown', false],
    ['unknown', '0.1.0', false],
  ])('%s is newer than %s: %s', (a, b, expected) => {
    expect(isNewerVersion(a, b)).toBe(expected);
  });
});
