import { summaryQuerySchema } from './summaryQuery';

const firstMessage = (query: unknown) => {
  const parsed = summaryQuerySchema.safeParse(query);
  return parsed.success ? undefined : parsed.error.issues[0].message;
};

describe('summaryQuerySchema', () => {
  it('accepts every filter and order, and drops unknown parameters', () => {
    expect(
      summaryQuerySchema.parse({
        owner: 'group:default/team-a',
        lifecycle: 'production',
        failing: 'auth',
        level: 'Gold',
        sort: 'score',
        order: 'desc',
        format: 'csv',
      }),
    ).toEqual({
      owner: 'group:default/team-a',
      lifecycle: 'production',
      failing: 'auth',
      level: 'Gold',
      sort: 'score',
      order: 'desc',
    });
    expect(summaryQuerySchema.parse({})).toEqual({});
  });

  it('names the parameter at fault', () => {
    expect(firstMessage({ owner: ['a', 'b'] })).toBe(
      'owner must be a single string',
    );
    expect(firstMessage({ lifecycle: 'x'.repeat(201) })).toBe(
      'lifecycle must be a single string',
    );
    expect(firstMessage({ failing: 'nope' })).toMatch(
      /^failing must be a check id: response-models, auth, /,
    );
    expect(firstMessage({ sort: 'title' })).toBe(
      'sort must be one of name, score, owner, evaluatedAt',
    );
    expect(firstMessage({ order: 'up' })).toBe('order must be asc or desc');
    expect(firstMessage({ level: ['Gold', 'Silver'] })).toBe(
      'level must be a single string',
    );
  });

  it('reads a page and a search, as numbers and text', () => {
    expect(
      summaryQuerySchema.parse({
        limit: '50',
        offset: '100',
        search: 'orders',
      }),
    ).toEqual({ limit: 50, offset: 100, search: 'orders' });
    for (const limit of ['0', '501', '-1', '1.5', '1e3', ' 5', 'ten']) {
      expect(firstMessage({ limit })).toBe(
        'limit must be a whole number from 1 to 500',
      );
    }
    expect(firstMessage({ offset: '-1' })).toBe(
      'offset must be a whole number from 0 to 1000000000',
    );
    expect(firstMessage({ search: ['a', 'b'] })).toBe(
      'search must be a single string',
    );
  });
});
