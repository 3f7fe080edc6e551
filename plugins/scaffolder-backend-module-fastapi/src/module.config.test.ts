import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fastapiModule from './index';

describe('module configuration', () => {
  it('refuses to start with an unknown checklist check id', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderPlugin,
          fastapiModule,
          mockServices.rootConfig.factory({
            data: {
              fastapiChecklist: { checks: { helth: { enabled: false } } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /fastapiChecklist\.checks has unknown check id\(s\): helth\. Known checks: response-models/,
    );
  });

  it('refuses to start with a local target that has no root', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderPlugin,
          fastapiModule,
          mockServices.rootConfig.factory({
            data: {
              fastapiGoldenPath: {
                local: { defaultAuthor: { name: 'Platform' } },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      "Missing required config value at 'fastapiGoldenPath.local.root'",
    );
  });

  it('refuses to start with a malformed render limit', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderPlugin,
          fastapiModule,
          mockServices.rootConfig.factory({
            data: { fastapiGoldenPath: { render: { maxStepsPerFile: -5 } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      'fastapiGoldenPath.render.maxStepsPerFile must be a positive whole number (got -5)',
    );
  });

  it('registers every action of the golden path with the scaffolder', async () => {
    const { server } = await startTestBackend({
      features: [scaffolderPlugin, fastapiModule],
    });
    const response = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const ids = response.body.map((action: { id: string }) => action.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'fastapi:validate-target',
        'fastapi:render',
        'fastapi:upgrade',
        'fastapi:checklist',
        'fastapi:fix',
        'fastapi:local:publish',
        'fastapi:local:register',
        'fastapi:local:checkout',
        'fastapi:local:branch',
        'fastapi:github:find-pull-request',
        'fastapi:answers:recover',
      ]),
    );
    const upgrade = response.body.find(
      (action: { id: string }) => action.id === 'fastapi:upgrade',
    );
    expect(upgrade.examples).toHaveLength(2);
    expect(Object.keys(upgrade.schema.input.properties)).toEqual([
      'path',
      'releases',
      'to',
      'answers',
    ]);
  });
});
