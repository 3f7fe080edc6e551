import type { StoredChecklist } from '../database/ChecklistStore';
import { CompletionBatch } from './CompletionBatch';

function record(name: string): StoredChecklist {
  return {
    entityRef: `component:default/${name}`,
    status: 'error',
    error: 'x',
    evaluatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A batch whose store records each call and holds every claim but `lost`. */
function batchOf(
  options: { expected: number; size?: number; maxDelay?: number },
  lost = new Set<string>(),
) {
  const calls: StoredChecklist[][] = [];
  const batch = new CompletionBatch({
    expected: options.expected,
    size: options.size ?? 100,
    maxDelay: options.maxDelay ?? 60_000,
    async store(records) {
      calls.push(records);
      return new Set(
        records.map(r => r.entityRef).filter(ref => !lost.has(ref)),
      );
    },
  });
  return { batch, calls };
}

describe('CompletionBatch', () => {
  it('stores once when every expected evaluation has reported, added or skipped', async () => {
    const { batch, calls } = batchOf({ expected: 4 });
    const a = batch.add(record('a'));
    const b = batch.add(record('b'));
    batch.skip();
    expect(calls).toHaveLength(0);
    const c = batch.add(record('c'));
    const saved = await Promise.all([a, b, c]);
    expect(calls).toHaveLength(1);
    expect(calls[0].map(r => r.entityRef)).toEqual(
      saved.map(r => r!.entityRef),
    );
    // One evaluation time for the batch, the time it was stored.
    expect(new Set(saved.map(r => r!.evaluatedAt)).size).toBe(1);
    expect(saved[0]!.evaluatedAt).not.toBe('2026-01-01T00:00:00.000Z');
  });

  it('stores a full batch at once, without waiting for the rest', async () => {
    const { batch, calls } = batchOf({ expected: 10, size: 2 });
    await Promise.all([batch.add(record('a')), batch.add(record('b'))]);
    expect(calls.map(c => c.length)).toEqual([2]);
  });

  it('stores what waits after maxDelay, so a slow evaluation holds nothing back', async () => {
    const { batch, calls } = batchOf({ expected: 3, maxDelay: 20 });
    const quick = await batch.add(record('quick'));
    expect(quick?.entityRef).toBe('component:default/quick');
    expect(calls).toHaveLength(1);
  });

  it('answers undefined for a record whose claim was lost', async () => {
    const { batch } = batchOf(
      { expected: 2 },
      new Set(['component:default/lost']),
    );
    const [kept, lost] = await Promise.all([
      batch.add(record('kept')),
      batch.add(record('lost')),
    ]);
    expect(kept?.entityRef).toBe('component:default/kept');
    expect(lost).toBeUndefined();
  });

  it('rejects every record of a batch the store failed to save', async () => {
    const batch = new CompletionBatch({
      expected: 2,
      size: 10,
      maxDelay: 60_000,
      store: async () => {
        throw new Error('database gone');
      },
    });
    const results = await Promise.allSettled([
      batch.add(record('a')),
      batch.add(record('b')),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
  });
});
