import type { CheckResult, ChecklistResult, CheckStatus } from './types';
import {
  applyWaivers,
  isWaiverActive,
  isWaiverExpiringSoon,
  utcDay,
  Waiver,
} from './waivers';

const item = (id: string, status: CheckStatus): CheckResult => ({
  id,
  title: `Title of ${id}`,
  status,
  severity: 'required',
  summary: '',
  evidence: [],
  remediation: '',
  docsUrl: '',
});

const waiver = (check: string, expires: string): Waiver => ({
  check,
  reason: `Reason for ${check}`,
  expires,
  approvedBy: 'group:default/platform',
  line: 2,
});

const result = (waivers: Waiver[]): ChecklistResult => ({
  score: 0,
  items: [
    item('auth', 'fail'),
    item('cors', 'warn'),
    item('health', 'pass'),
    item('tests', 'fail'),
    item('logging', 'error'),
  ],
  serviceRoots: [''],
  diagnostics: [],
  waivers: {
    path: '.golden-path/waivers.yaml',
    waivers,
    problems: [{ message: 'Waiver 3 has no reason: not applied.', line: 9 }],
  },
});

describe('applyWaivers', () => {
  const file = result([
    waiver('auth', '2026-12-31'),
    waiver('cors', '2026-12-01'),
    waiver('health', '2027-01-01'),
    waiver('logging', '2027-01-01'),
  ]);

  it('turns a failing or warning check with an active waiver into waived, never pass', () => {
    const applied = applyWaivers(file, '2026-12-01');
    expect(applied.items.map(i => [i.id, i.status])).toEqual([
      ['auth', 'waived'],
      ['cors', 'waived'],
      ['health', 'pass'],
      ['tests', 'fail'],
      ['logging', 'error'],
    ]);
    expect(applied.items[0].waiver).toEqual({
      reason: 'Reason for auth',
      expires: '2026-12-31',
      approvedBy: 'group:default/platform',
      line: 2,
      realStatus: 'fail',
    });
    expect(applied.items[1].waiver?.realStatus).toBe('warn');
    // waived counts as pass: 3 of 5; without waivers fail 0 + warn ½ + pass 1 = 1.5 of 5
    expect(applied.score).toBe(60);
    expect(applied.scoreWithoutWaivers).toBe(30);
    expect(applied.waiverNotes).toEqual([
      { message: 'Waiver 3 has no reason: not applied.', line: 9 },
      {
        check: 'health',
        line: 2,
        message:
          'The waiver of Title of health is not needed: the check is pass.',
      },
      {
        check: 'logging',
        line: 2,
        message:
          'The waiver of Title of logging is not needed: the check is error.',
      },
    ]);
  });

  it('reverts an expired waiver to the real status, re-applied to a stored result', () => {
    const before = applyWaivers(file, '2026-12-01');
    const after = applyWaivers(before, '2026-12-02');
    expect(after.items.map(i => [i.id, i.status])).toEqual([
      ['auth', 'waived'],
      ['cors', 'warn'],
      ['health', 'pass'],
      ['tests', 'fail'],
      ['logging', 'error'],
    ]);
    expect(after.items[1].waiver).toBeUndefined();
    expect(after.score).toBe(50);
    expect(after.waiverNotes).toContainEqual({
      check: 'cors',
      line: 2,
      message:
        'The waiver of Title of cors expired on 2026-12-01: the check shows its real status (warn).',
    });
    // applying again on the same day changes nothing
    expect(applyWaivers(after, '2026-12-02')).toEqual(after);
  });

  it('scores the same both ways without waivers, and notes a waiver of a check turned off', () => {
    const plain = applyWaivers(
      { ...result([]), waivers: undefined },
      '2026-12-01',
    );
    expect(plain.score).toBe(plain.scoreWithoutWaivers);
    expect(plain.waiverNotes).toBeUndefined();
    expect(
      applyWaivers(result([waiver('workers', '2027-01-01')]), '2026-12-01')
        .waiverNotes?.[1].message,
    ).toBe(
      'The waiver of workers applies to nothing: the check is turned off here.',
    );
  });
});

describe('waiver dates', () => {
  it('applies through the expiry day (UTC) and flags the last 14 days', () => {
    expect(utcDay(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
    expect(isWaiverActive('2026-12-31', '2026-12-31')).toBe(true);
    expect(isWaiverActive('2026-12-31', '2027-01-01')).toBe(false);
    expect(isWaiverExpiringSoon('2026-12-14', '2026-12-01')).toBe(true);
    expect(isWaiverExpiringSoon('2026-12-15', '2026-12-01')).toBe(false);
    expect(isWaiverExpiringSoon('2026-11-30', '2026-12-01')).toBe(false);
  });
});
