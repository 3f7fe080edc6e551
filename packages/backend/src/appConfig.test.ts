/*
 * The portal's embedded defaults (app-config.yaml) are what `npm start` exposes: they
 * must not open the backend to the network or let a template read the host's own
 * loopback services.
 */
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const config = new ConfigReader(
  parse(
    fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
  ),
);

describe('the embedded app-config.yaml', () => {
  it('listens on loopback only', () => {
    const { listen } = readHttpServerOptions(config.getConfig('backend'));
    expect(listen.host).toBe('127.0.0.1');
  });

  it.each([
    'http://localhost/secret.txt',
    'http://localhost:7007/api/catalog/entities',
    'http://127.0.0.1/secret.txt',
  ])('lets no template or action read %s', async url => {
    const reader = UrlReaders.default({
      config,
      logger: mockServices.logger.mock(),
    });
    await expect(reader.readUrl(url)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('keeps its databases in files under the git-ignored .local-data, so restarts lose nothing', () => {
    const database = config.getConfig('backend.database');
    expect(database.getString('client')).toBe('better-sqlite3');
    // Relative to packages/backend, where the backend runs.
    const directory = path.resolve(
      __dirname,
      '..',
      database.getString('connection.directory'),
    );
    expect(directory).toBe(path.resolve(__dirname, '../../../.local-data'));
    const ignored = fs
      .readFileSync(path.resolve(__dirname, '../../../.gitignore'), 'utf8')
      .split('\n');
    expect(ignored).toContain('/.local-data/');
  });
});
