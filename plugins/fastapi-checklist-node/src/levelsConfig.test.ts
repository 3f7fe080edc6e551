import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readChecklistLevels } from './levelsConfig';

const config = (levels: JsonValue) =>
  new ConfigReader({ fastapiChecklist: { levels } });

describe('readChecklistLevels', () => {
  it('gives Bronze, Silver and Gold without configuration', () => {
    const levels = readChecklistLevels(new ConfigReader({}));
    expect(levels.map(l => [l.name, l.checks.length])).toEqual([
      ['Bronze', 11],
      ['Silver', 4],
      ['Gold', 6],
    ]);
    expect(levels[1].checks).toEqual([
      'tracing',
      'metrics',
      'request-id',
      'probes',
    ]);
  });

  it("reads the org's levels in order, without the checks it turns off", () => {
    expect(
      readChecklistLevels(
        config([
          { name: 'Basic', checks: ['health', 'auth'] },
          { name: 'Hardened', checks: ['cors', 'security-headers'] },
        ]),
        { checks: { cors: { enabled: false } } },
      ),
    ).toEqual([
      { name: 'Basic', checks: ['health', 'auth'] },
      { name: 'Hardened', checks: ['security-headers'] },
    ]);
  });

  it('stops with an error naming the key', () => {
    expect(() =>
      readChecklistLevels(config([{ name: 'Basic', checks: ['helth'] }])),
    ).toThrow(
      /^fastapiChecklist.levels\[0\].checks \(Basic\) has unknown check id\(s\): helth. Known checks: /,
    );
    expect(() => readChecklistLevels(config([{ name: 'Basic' }]))).toThrow(
      'fastapiChecklist.levels[0].checks (Basic) must list at least one check',
    );
    expect(() =>
      readChecklistLevels(
        config([
          { name: 'Basic', checks: ['auth'] },
          { name: 'Basic', checks: ['cors'] },
        ]),
      ),
    ).toThrow(
      'fastapiChecklist.levels[1].name "Basic" names an earlier level too',
    );
    expect(() => readChecklistLevels(config([]))).toThrow(
      'fastapiChecklist.levels must list at least one level',
    );
    expect(() => readChecklistLevels(config([{ checks: ['auth'] }]))).toThrow(
      "Missing required config value at 'fastapiChecklist.levels[0].name'",
    );
  });
});
