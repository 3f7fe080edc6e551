import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { ScmIntegrations } from '@backstage/integration';
import { githubAvailability, publishTargets } from './publishTargets';

const integrations = (config: JsonObject) =>
  ScmIntegrations.fromConfig(new ConfigReader(config));
const local = { root: '/srv/repos', defaultAuthor: { name: 'a', email: 'b' } };

describe('publishTargets', () => {
  it('offers GitHub with a token or a GitHub App', () => {
    expect(
      githubAvailability(
        integrations({
          integrations: { github: [{ host: 'github.com', token: 'x' }] },
        }),
      ),
    ).toEqual({ available: true });
    expect(
      githubAvailability(
        integrations({
          integrations: {
            github: [
              {
                host: 'github.com',
                apps: [
                  {
                    appId: 1,
                    clientId: 'c',
                    clientSecret: 's',
                    privateKey: 'k',
                    webhookSecret: 'w',
                  },
                ],
              },
            ],
          },
        }),
      ),
    ).toEqual({ available: true });
  });

  it.each([
    ['GITHUB_TOKEN unset (no token)', { github: [{ host: 'github.com' }] }],
    ['a blank token', { github: [{ host: 'github.com', token: '  ' }] }],
    ['no github integration at all', {}],
  ])('explains the fix with %s', (_, config) => {
    const status = githubAvailability(integrations({ integrations: config }));
    expect(status).toEqual({
      available: false,
      reason: expect.stringContaining(
        'set the GITHUB_TOKEN environment variable (integrations.github[].token in app-config)',
      ),
    });
  });

  it('names a host that has no integration', () => {
    expect(
      githubAvailability(integrations({}), 'ghe.example.com'),
    ).toMatchObject({
      available: false,
      reason: expect.stringContaining('add it under integrations.github'),
    });
  });

  it('reports both targets, the local one only when configured', () => {
    expect(publishTargets(integrations({}), local)).toEqual({
      local: { available: true },
      github: { available: false, reason: expect.any(String) },
    });
    expect(publishTargets(integrations({}), undefined).local).toEqual({
      available: false,
      reason: expect.stringContaining('fastapiGoldenPath.local.root'),
    });
  });
});
