import { ConfigReader } from '@backstage/config';
import { readChecklistBackendConfig } from './config';

describe('readChecklistBackendConfig', () => {
  it('defaults to a refresh every 30 minutes, 4 at a time, 50 evaluations kept', () => {
    expect(readChecklistBackendConfig(new ConfigReader({}))).toEqual({
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 30 },
      },
      concurrency: 4,
      newEntitiesInterval: 10_000,
      queueInterval: 5_000,
      claimTimeout: 60_000,
      minRefreshInterval: 10_000,
      historyLimit: 50,
    });
  });

  it('reads every setting', () => {
    expect(
      readChecklistBackendConfig(
        new ConfigReader({
          fastapiChecklist: {
            refresh: {
              schedule: { frequency: { hours: 1 }, timeout: 'PT5M' },
              concurrency: 2,
              newEntitiesInterval: { seconds: 3 },
              queueInterval: '2s',
              claimTimeout: { minutes: 2 },
              minInterval: { milliseconds: 0 },
            },
            historyLimit: 10,
          },
        }),
      ),
    ).toEqual({
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
      concurrency: 2,
      newEntitiesInterval: 3_000,
      queueInterval: 2_000,
      claimTimeout: 120_000,
      minRefreshInterval: 0,
      historyLimit: 10,
    });
  });

  it('names the key of a bad value', () => {
    const read = (fastapiChecklist: object) => () =>
      readChecklistBackendConfig(new ConfigReader({ fastapiChecklist }));
    expect(read({ historyLimit: 0 })).toThrow(
      'fastapiChecklist.historyLimit must be a whole number of at least 1 (got 0)',
    );
    expect(read({ refresh: { concurrency: 1.5 } })).toThrow(
      'fastapiChecklist.refresh.concurrency must be a whole number of at least 1 (got 1.5)',
    );
    expect(read({ refresh: { concurrency: 'many' } })).toThrow(
      "Unable to convert config value for key 'fastapiChecklist.refresh.concurrency'",
    );
    expect(
      read({ refresh: { schedule: { frequency: { hours: 1 } } } }),
    ).toThrow(/timeout/);
    expect(read({ refresh: { claimTimeout: { milliseconds: 10 } } })).toThrow(
      'fastapiChecklist.refresh.claimTimeout must be at least 1000 ms (got 10 ms)',
    );
    expect(read({ refresh: { queueInterval: 'soon' } })).toThrow(
      /fastapiChecklist.refresh.queueInterval/,
    );
  });
});
