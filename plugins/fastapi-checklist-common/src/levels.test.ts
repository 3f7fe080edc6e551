import {
  ChecklistLevel,
  computeLevel,
  DEFAULT_LEVELS,
  validateChecklistLevels,
  withoutDisabledChecks,
} from './levels';
import type { CheckStatus } from './types';

const LEVELS: ChecklistLevel[] = [
  { name: 'Bronze', checks: ['auth', 'health'] },
  { name: 'Silver', checks: ['cors', 'tests'] },
  { name: 'Gold', checks: ['workers'] },
];

const items = (statuses: Record<string, CheckStatus>) =>
  Object.entries(statuses).map(([id, status]) => ({
    id,
    title: `Title of ${id}`,
    status,
  }));

describe('computeLevel', () => {
  it('reaches the highest level whose checks and every lower level are met', () => {
    expect(
      computeLevel(
        items({
          auth: 'pass',
          health: 'not-applicable',
          cors: 'waived',
          tests: 'pass',
          workers: 'fail',
        }),
        LEVELS,
      ),
    ).toEqual({
      level: 'Silver',
      next: {
        name: 'Gold',
        missing: [{ id: 'workers', title: 'Title of workers', status: 'fail' }],
      },
    });
    expect(
      computeLevel(
        items({
          auth: 'pass',
          health: 'pass',
          cors: 'pass',
          tests: 'pass',
          workers: 'waived',
        }),
        LEVELS,
      ),
    ).toEqual({ level: 'Gold' });
  });

  it('does not count a warning, an error or an unevaluated check as met', () => {
    expect(
      computeLevel(items({ auth: 'warn', health: 'error' }), LEVELS),
    ).toEqual({
      level: null,
      next: {
        name: 'Bronze',
        missing: [
          { id: 'auth', title: 'Title of auth', status: 'warn' },
          { id: 'health', title: 'Title of health', status: 'error' },
        ],
      },
    });
    expect(
      computeLevel(items({ auth: 'pass', health: 'pass' }), LEVELS).next,
    ).toEqual({
      name: 'Silver',
      missing: [
        {
          id: 'cors',
          title: 'CORS configured safely',
          status: 'not-evaluated',
        },
        {
          id: 'tests',
          title: 'Tests with TestClient',
          status: 'not-evaluated',
        },
      ],
    });
  });

  it('does not skip a level: a service meeting Gold but not Silver is Bronze', () => {
    expect(
      computeLevel(
        items({
          auth: 'pass',
          health: 'pass',
          cors: 'fail',
          tests: 'pass',
          workers: 'pass',
        }),
        LEVELS,
      ).level,
    ).toBe('Bronze');
  });
});

describe('validateChecklistLevels', () => {
  const error = (levels: ChecklistLevel[]) => {
    try {
      validateChecklistLevels(levels);
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };

  it('accepts the default levels, which reference only catalogue checks', () => {
    expect(error([...DEFAULT_LEVELS])).toBeUndefined();
    expect(DEFAULT_LEVELS.map(l => l.name)).toEqual([
      'Bronze',
      'Silver',
      'Gold',
    ]);
    expect(DEFAULT_LEVELS[0].checks).toHaveLength(11);
  });

  it('names the key and the level at fault', () => {
    expect(error([])).toBe(
      'fastapiChecklist.levels must list at least one level',
    );
    expect(error([{ name: 'Bronze', checks: [] }])).toBe(
      'fastapiChecklist.levels[0].checks (Bronze) must list at least one check',
    );
    expect(error([{ name: ' ', checks: ['auth'] }])).toBe(
      'fastapiChecklist.levels[0].name must be a non-empty text',
    );
    expect(
      error([
        { name: 'Bronze', checks: ['auth'] },
        { name: 'bronze', checks: ['cors'] },
      ]),
    ).toBe(
      'fastapiChecklist.levels[1].name "bronze" names an earlier level too',
    );
    expect(error([{ name: 'None', checks: ['auth'] }])).toMatch(
      /^fastapiChecklist.levels\[0\].name "None" is reserved/,
    );
    expect(error([{ name: 'Bronze', checks: ['auth', 'nope'] }])).toMatch(
      /^fastapiChecklist.levels\[0\].checks \(Bronze\) has unknown check id\(s\): nope. Known checks: response-models, auth, /,
    );
    expect(
      error([
        { name: 'Bronze', checks: ['auth'] },
        { name: 'Silver', checks: ['cors', 'auth'] },
      ]),
    ).toBe(
      'fastapiChecklist.levels[1].checks (Silver) lists auth, which level Bronze lists',
    );
    expect(error([{ name: 'Bronze', checks: ['auth', 'auth'] }])).toBe(
      'fastapiChecklist.levels[0].checks (Bronze) lists auth, which it lists already',
    );
  });
});

describe('withoutDisabledChecks', () => {
  it('leaves checks turned off in app-config out of every level', () => {
    expect(
      withoutDisabledChecks(LEVELS, {
        checks: { cors: { enabled: false }, auth: { severity: 'recommended' } },
      }),
    ).toEqual([
      { name: 'Bronze', checks: ['auth', 'health'] },
      { name: 'Silver', checks: ['tests'] },
      { name: 'Gold', checks: ['workers'] },
    ]);
  });
});
