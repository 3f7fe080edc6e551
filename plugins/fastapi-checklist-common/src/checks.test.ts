import { CHECK_IDS, CHECKS, getCheck, isCheckId } from './checks';

describe('the check catalogue', () => {
  it('has unique ids', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECKS.length);
  });

  it('recognises its ids and finds their entries', () => {
    expect(isCheckId('auth')).toBe(true);
    expect(isCheckId('nope')).toBe(false);
    expect(getCheck('auth')?.title).toBe('Mutating routes authenticated');
    expect(getCheck('nope')).toBeUndefined();
  });
});
