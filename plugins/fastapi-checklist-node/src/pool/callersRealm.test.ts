import vm from 'node:vm';
import type { ChecklistResult } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { inCallersRealm } from './callersRealm';

describe('inCallersRealm', () => {
  it('uses a result of the caller’s realm as it is', () => {
    const result = { score: 100, items: [] } as unknown as ChecklistResult;
    expect(inCallersRealm(result)).toBe(result);
  });

  it('copies a result built in another realm into plain data of this one', () => {
    const foreign = vm.runInNewContext(
      '({ score: 50, items: [{ id: "auth", evidence: [{ path: "a.py" }] }] })',
    ) as ChecklistResult;
    expect(foreign.items instanceof Array).toBe(false);
    const copy = inCallersRealm(foreign);
    expect(copy).not.toBe(foreign);
    expect(copy.items instanceof Array).toBe(true);
    expect(copy.items[0].evidence instanceof Array).toBe(true);
    expect(copy).toEqual({
      score: 50,
      items: [{ id: 'auth', evidence: [{ path: 'a.py' }] }],
    });
  });
});
