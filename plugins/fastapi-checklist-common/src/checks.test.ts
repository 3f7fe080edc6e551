import { CHECK_IDS, CHECKS, getCheck, isCheckId } from './checks';

describe('the check catalogue', () => {
  it('has unique ids', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECKS.length);
  });

  it("lists the guide's 11 checks, then the ten beyond the guide", () => {
    expect(CHECK_IDS).toEqual([
      'response-models',
      'auth',
      'input-validation',
      'exception-handlers',
      'cors',
      'env-secrets',
      'tests',
      'dockerfile',
      'workers',
      'logging',
      'health',
      'tracing',
      'metrics',
      'request-id',
      'probes',
      'security-headers',
      'rate-limit',
      'dependency-lock',
      'dependency-updates',
      'migrations',
      'ci',
    ]);
    for (const check of CHECKS) {
      expect(check.docsUrl).toMatch(/^https:\/\//);
      expect(check.remediation.length).toBeGreaterThan(40);
    }
  });

  it('recognises its ids and finds their entries', () => {
    expect(isCheckId('auth')).toBe(true);
    expect(isCheckId('nope')).toBe(false);
    expect(getCheck('auth')?.title).toBe('Mutating routes authenticated');
    expect(getCheck('nope')).toBeUndefined();
  });
});
