import { formatUpgradeRecord, parseUpgradeRecord } from './upgradeRecord';

const record = {
  fromVersion: '0.1.0',
  toVersion: '0.2.0',
  conflicts: [
    {
      path: 'Dockerfile',
      kind: 'content' as const,
      lines: [
        { start: 3, end: 7 },
        { start: 20, end: 26 },
      ],
    },
    { path: 'docs/a: b.md', kind: 'added-both' as const, lines: [] },
  ],
};

describe('the upgrade record of a change', () => {
  it('is trailer lines that read back as written, after a message or inside a comment', () => {
    const trailers = formatUpgradeRecord(record);
    expect(trailers.split('\n')).toEqual([
      'Golden-Path-Upgrade: 0.1.0 -> 0.2.0',
      'Golden-Path-Conflicts: 2',
      'Golden-Path-Conflict: {"path":"Dockerfile","kind":"content","lines":[{"start":3,"end":7},{"start":20,"end":26}]}',
      'Golden-Path-Conflict: {"path":"docs/a: b.md","kind":"added-both","lines":[]}',
    ]);
    expect(parseUpgradeRecord(`Upgrade to 0.2.0\n\n${trailers}\n`)).toEqual(record);
    expect(parseUpgradeRecord(`Some description.\r\n\r\n<!--\r\n${trailers.replace(/\n/g, '\r\n')}\r\n-->`)).toEqual(record);
  });

  it('says so when the change merged cleanly', () => {
    const clean = { ...record, conflicts: [] };
    expect(formatUpgradeRecord(clean)).toBe(
      'Golden-Path-Upgrade: 0.1.0 -> 0.2.0\nGolden-Path-Conflicts: 0',
    );
    expect(parseUpgradeRecord(formatUpgradeRecord(clean))).toEqual(clean);
  });

  it.each([
    ['no record', 'Upgrade to 0.2.0\n'],
    ['a count that does not match', 'Golden-Path-Upgrade: 0.1.0 -> 0.2.0\nGolden-Path-Conflicts: 1'],
    ['no count', 'Golden-Path-Upgrade: 0.1.0 -> 0.2.0'],
    ['a conflict that is not JSON', 'Golden-Path-Upgrade: 0.1.0 -> 0.2.0\nGolden-Path-Conflicts: 1\nGolden-Path-Conflict: Dockerfile'],
    ['an unknown kind', 'Golden-Path-Upgrade: 0.1.0 -> 0.2.0\nGolden-Path-Conflicts: 1\nGolden-Path-Conflict: {"path":"x","kind":"odd","lines":[]}'],
    ['lines that are not a range', 'Golden-Path-Upgrade: 0.1.0 -> 0.2.0\nGolden-Path-Conflicts: 1\nGolden-Path-Conflict: {"path":"x","kind":"content","lines":[{"start":5,"end":2}]}'],
    ['versions that do not parse', 'Golden-Path-Upgrade: 0.1.0\nGolden-Path-Conflicts: 0'],
  ])('is undefined for %s', (_, text) => {
    expect(parseUpgradeRecord(text)).toBeUndefined();
  });
});
