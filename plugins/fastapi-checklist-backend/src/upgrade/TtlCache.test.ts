import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  let now = 0;
  const cache = () =>
    new TtlCache<number>({ ttlMs: 1000, maxEntries: 2, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('shares a lookup in flight and reuses its value until it expires', async () => {
    const c = cache();
    const load = jest.fn(async () => 42);
    const [a, b] = await Promise.all([c.get('k', load), c.get('k', load)]);
    expect([a, b, load.mock.calls.length]).toEqual([42, 42, 1]);
    now = 999;
    await c.get('k', load);
    expect(load).toHaveBeenCalledTimes(1);
    now = 1000;
    await c.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads a fresh value when asked, and keeps it for the next reader', async () => {
    const c = cache();
    let value = 1;
    const load = jest.fn(async () => value);
    await c.get('k', load);
    value = 2;
    expect(await c.get('k', load)).toBe(1);
    expect(await c.get('k', load, { fresh: true })).toBe(2);
    expect(await c.get('k', load)).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed lookup', async () => {
    const c = cache();
    await expect(
      c.get('k', async () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    await expect(c.get('k', async () => 7)).resolves.toBe(7);
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const c = cache();
    const load = jest.fn(async () => 1);
    await c.get('a', load);
    await c.get('b', load);
    await c.get('c', load);
    expect(load).toHaveBeenCalledTimes(3);
    await c.get('c', load);
    await c.get('b', load);
    expect(load).toHaveBeenCalledTimes(3);
    await c.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
