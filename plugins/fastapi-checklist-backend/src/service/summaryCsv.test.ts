import { summaryToCsv } from './summaryCsv';

describe('summaryToCsv', () => {
  it('quotes, joins lists and defuses spreadsheet formulas but not negative numbers', () => {
    const csv = summaryToCsv([
      {
        entityRef: 'component:default/a',
        title: 'Say "hi", then\nleave',
        owner: '=HYPERLINK("x")',
        lifecycle: 'production',
        status: 'ok',
        level: 'Bronze',
        score: 91,
        scoreWithoutWaivers: 85,
        failing: ['auth', 'cors'],
        waived: ['workers', 'logging'],
        evaluatedAt: '2026-11-23T00:00:00.000Z',
        trend: -9,
        template: undefined,
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      'component:default/a,"Say ""hi"", then\nleave","\'=HYPERLINK(""x"")",production,ok,Bronze,91,85,auth cors,workers logging,2026-11-23T00:00:00.000Z,-9,',
    );
  });

  it('defuses cells that start with a TAB or a carriage return', () => {
    const row = {
      entityRef: 'component:default/b',
      title: '\t=cmd|calc',
      owner: '\r=HYPERLINK("x")',
      lifecycle: 'production',
      status: 'ok' as const,
      level: null,
      score: 50,
      scoreWithoutWaivers: 50,
      failing: [],
      waived: [],
      evaluatedAt: null,
      trend: null,
      template: undefined,
    };
    const [, line] = summaryToCsv([row]).split('\r\n');
    expect(
      line.startsWith("component:default/b,'\t=cmd|calc,\"'\r=HYPERLINK"),
    ).toBe(true);
  });
});
