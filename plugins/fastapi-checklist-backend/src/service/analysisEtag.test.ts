import { analysisKey, sourceEtagOf, storedEtag } from './analysisEtag';

describe('analysis etags', () => {
  const defaults = analysisKey({ checks: {} });

  it('give the source etag back only to the analysis that stored it', () => {
    const stored = storedEtag(defaults, 'abc:def');
    expect(stored).toBe(`${defaults}:abc:def`);
    expect(sourceEtagOf(defaults, stored)).toBe('abc:def');
    const other = analysisKey({ checks: { tracing: { enabled: false } } });
    expect(other).not.toBe(defaults);
    expect(sourceEtagOf(other, stored)).toBeUndefined();
  });

  it('match no etag stored before keys existed, and store none for a source without one', () => {
    expect(sourceEtagOf(defaults, 'd41d8cd98f00b204')).toBeUndefined();
    expect(sourceEtagOf(defaults, undefined)).toBeUndefined();
    expect(storedEtag(defaults, undefined)).toBeUndefined();
  });

  it('does not depend on the order checks are configured in', () => {
    expect(
      analysisKey({
        checks: { tracing: { enabled: false }, cors: { severity: 'recommended' } },
      }),
    ).toBe(
      analysisKey({
        checks: { cors: { severity: 'recommended' }, tracing: { enabled: false } },
      }),
    );
  });
});
