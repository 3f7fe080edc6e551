import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
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
});
