import { analyzeFiles, serviceWith } from '../__fixtures__/analyzeFixture';
import { treeFromEntries } from '../tree/sourceTree';
import { readWaiversFile } from './readWaiversFile';

const PATH = '.golden-path/waivers.yaml';
const read = (content: string) => {
  const file = readWaiversFile(treeFromEntries([[PATH, content]]));
  if (!file) throw new Error('the waivers file was not found');
  return file;
};

describe('readWaiversFile', () => {
  it('reads well-formed waivers with their lines', () => {
    expect(
      read(
        [
          '# why these checks may wait',
          'waivers:',
          '  - check: workers',
          '    reason: One process behind a queue; scaled by replicas',
          '    expires: 2027-03-31',
          '    approvedBy: group:default/platform',
          '  - check: "cors"',
          "    reason: 'Served same-origin only'",
          "    expires: '2027-01-15'",
          '    approvedBy: jane.doe',
          '',
        ].join('\n'),
      ),
    ).toEqual({
      path: PATH,
      waivers: [
        {
          check: 'workers',
          reason: 'One process behind a queue; scaled by replicas',
          expires: '2027-03-31',
          approvedBy: 'group:default/platform',
          line: 3,
        },
        {
          check: 'cors',
          reason: 'Served same-origin only',
          expires: '2027-01-15',
          approvedBy: 'jane.doe',
          line: 7,
        },
      ],
      problems: [],
    });
  });

  it('reports every entry it cannot apply, and applies none of them', () => {
    const file = read(
      [
        'waivers:',
        '  - check: workers', // 2: no reason, no expiry
        '    approvedBy: jane',
        '  - check: no-such-check', // 4
        '    reason: r',
        '    expires: 2027-01-01',
        '    approvedBy: jane',
        '  - check: cors', // 8: impossible date
        '    reason: r',
        '    expires: 2027-02-30',
        '    approvedBy: jane',
        '  - just text', // 12
        '  - check: auth', // 13: applied, with an unknown key noted
        '    reason: r',
        '    expires: 2027-01-01',
        '    approvedBy: jane',
        '    ticket: OPS-1',
        '  - check: auth', // 18: a second waiver of auth
        '    reason: r2',
        '    expires: 2027-06-01',
        '    approvedBy: jane',
        '  - reason: no check', // 22
      ].join('\n'),
    );
    expect(file.waivers.map(w => [w.check, w.line])).toEqual([['auth', 13]]);
    expect(file.problems).toEqual([
      {
        message:
          'Waiver 1 (workers) lacks a reason and an expiry date (expires): not applied.',
        line: 2,
        check: 'workers',
      },
      {
        message:
          'Waiver 2 names an unknown check "no-such-check": not applied.',
        line: 4,
        check: 'no-such-check',
      },
      {
        message:
          'Waiver 3 (cors) expires on "2027-02-30", not a date written YYYY-MM-DD: not applied.',
        line: 8,
        check: 'cors',
      },
      {
        message:
          'Waiver 4 is not a mapping of check, reason, expires and approvedBy: not applied.',
        line: 12,
        check: undefined,
      },
      {
        message:
          'Waiver 5 (auth) has unknown key(s) ticket, which are ignored.',
        line: 13,
        check: 'auth',
      },
      {
        message:
          'Waiver 6 (auth) waives a check an earlier waiver waives: not applied.',
        line: 18,
        check: 'auth',
      },
      {
        message: 'Waiver 7 names no check: not applied.',
        line: 22,
        check: undefined,
      },
    ]);
  });

  it('reports a malformed or misshapen file, and one too large to read', () => {
    expect(read('waivers:\n  - check: [unclosed\n').problems[0]).toMatchObject({
      message: expect.stringMatching(
        /^The waivers file is not valid YAML \(.+\): no waiver applies\.$/,
      ),
    });
    expect(read('- check: auth\n').problems).toEqual([
      {
        message:
          'The waivers file has no list under "waivers:" (see the checklist\'s README): no waiver applies.',
        line: 1,
      },
    ]);
    // YAML 1.1 tags a safe parser must not construct: read as text, not applied
    expect(
      read('waivers:\n  - !!js/function "function () { return 1 }"\n').waivers,
    ).toEqual([]);
    const large = readWaiversFile(
      treeFromEntries([[PATH, `waivers: []\n#${'x'.repeat(200)}`]], {
        maxFileBytes: 100,
        maxFiles: 10,
      }),
    );
    expect(large).toEqual({
      path: PATH,
      waivers: [],
      problems: [
        {
          message:
            'The waivers file was not read (skipped: larger than 100 bytes): no waiver applies.',
        },
      ],
    });
    expect(readWaiversFile(treeFromEntries([]))).toBeUndefined();
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'waivers:',
      '  - [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const file = read(bomb);
    expect(file.waivers).toEqual([]);
    expect(file.problems[0].message).toMatch(
      /^Waiver 1 could not be read \(.*alias.*\): not applied\.$/i,
    );
  });
});

describe('waivers in an analysis', () => {
  it('turns a waived failure into waived and scores it both ways', async () => {
    // a service whose app module sets nothing up: checks fail, and some still pass
    const files = serviceWith({
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    const plain = await analyzeFiles(files);
    const failing = plain.items.find(i => i.status === 'fail')!;
    const passing = plain.items.find(i => i.status === 'pass')!;
    const other = plain.items.find(
      i => i.status === 'fail' && i.id !== failing.id,
    )!;
    const waiver = (check: string, expires: string, line = '') =>
      `  - check: ${check}\n    reason: Planned for Q3${line}\n    expires: ${expires}\n    approvedBy: group:default/platform\n`;
    const result = await analyzeFiles({
      ...files,
      [PATH]: `waivers:\n${waiver(failing.id, '2999-12-31')}${waiver(
        passing.id,
        '2999-12-31',
      )}${waiver(other.id, '2000-01-01')}`,
    });
    const waived = result.items.find(i => i.id === failing.id)!;
    expect(waived.status).toBe('waived');
    expect(waived.waiver).toEqual({
      reason: 'Planned for Q3',
      expires: '2999-12-31',
      approvedBy: 'group:default/platform',
      line: 2,
      realStatus: 'fail',
    });
    expect(result.items.filter(i => i.status === 'waived')).toHaveLength(1);
    // expired: its real status again
    expect(result.items.find(i => i.id === other.id)!.status).toBe('fail');
    expect(result.scoreWithoutWaivers).toBe(plain.score);
    expect(result.score).toBeGreaterThan(plain.score);
    expect(result.waiverNotes?.map(n => n.check).sort()).toEqual(
      [passing.id, other.id].sort(),
    );
  });
});
