import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { readLocalRepositoriesConfig } from './localRepositoriesConfig';

const read = (local: unknown) =>
  readLocalRepositoriesConfig(
    new ConfigReader({ fastapiGoldenPath: { local } } as any),
  );

describe('readLocalRepositoriesConfig', () => {
  it('is undefined when the local target is not configured', () => {
    expect(readLocalRepositoriesConfig(new ConfigReader({}))).toBeUndefined();
    expect(
      readLocalRepositoriesConfig(new ConfigReader({ fastapiGoldenPath: {} })),
    ).toBeUndefined();
  });

  it('fills in defaults and resolves a relative root from the working directory', () => {
    expect(read({ root: 'repos' })).toEqual({
      root: path.resolve('repos'),
      scanInterval: { seconds: 10 },
      defaultAuthor: {
        name: 'FastAPI Golden Path',
        email: 'golden-path@localhost',
      },
    });
  });

  it('reads every setting, with durations as objects, ISO 8601 or ms strings', () => {
    expect(
      read({
        root: '/srv/repos',
        scanInterval: { minutes: 2 },
        defaultAuthor: { name: 'Platform', email: 'platform@example.com' },
      }),
    ).toEqual({
      root: '/srv/repos',
      scanInterval: { minutes: 2 },
      defaultAuthor: { name: 'Platform', email: 'platform@example.com' },
    });
    expect(read({ root: '/r', scanInterval: 'PT30S' })?.scanInterval).toEqual({
      seconds: 30,
    });
    expect(read({ root: '/r', scanInterval: '5s' })?.scanInterval).toEqual({
      seconds: 5,
    });
  });

  it('names the key when a value is missing or malformed', () => {
    expect(() => read({ scanInterval: { seconds: 5 } })).toThrow(
      "Missing required config value at 'fastapiGoldenPath.local.root'",
    );
    expect(() => read({ root: 42 })).toThrow(
      "Invalid type in config for key 'fastapiGoldenPath.local.root'",
    );
    expect(() => read({ root: '/r', scanInterval: 'soon' })).toThrow(
      "Invalid duration 'soon' in config at 'fastapiGoldenPath.local.scanInterval'",
    );
    expect(() => read({ root: '/r', scanInterval: { sconds: 5 } })).toThrow(
      "Failed to read duration from config at 'fastapiGoldenPath.local.scanInterval', Error: Needs one or more of 'years'",
    );
    expect(() => read({ root: '/r', scanInterval: { seconds: 0 } })).toThrow(
      'fastapiGoldenPath.local.scanInterval must be longer than zero',
    );
    expect(() => read({ root: '/r', defaultAuthor: { email: true } })).toThrow(
      "Invalid type in config for key 'fastapiGoldenPath.local.defaultAuthor.email'",
    );
  });
});
