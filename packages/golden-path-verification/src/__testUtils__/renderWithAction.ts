import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createFastapiRenderAction } from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readTemplate, TEMPLATE_DIR } from './templateDirectory';

/**
 * Runs the real fastapi:render action with `input` into workspacePath, for the real
 * template entity, the way a scaffolder task does: the skeleton is fetched relative to
 * template.yaml into a temporary directory outside the workspace (under scratchDir).
 */
export async function renderWithAction(options: {
  input: Record<string, unknown>;
  workspacePath: string;
  scratchDir: string;
  /** The template's fastapi-golden-path/version, when not template.yaml's (a release). */
  version?: string;
}): Promise<void> {
  const template = readTemplate();
  if (options.version) {
    template.metadata.annotations['fastapi-golden-path/version'] =
      options.version;
  }
  const action = createFastapiRenderAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const ctx = createMockActionContext({
    input: options.input as any,
    workspacePath: options.workspacePath,
    templateInfo: {
      entityRef: stringifyEntityRef(template),
      baseUrl: pathToFileURL(path.join(TEMPLATE_DIR, 'template.yaml')).href,
      entity: template,
    },
  });
  // The mock hands out the workspace itself as temporary directory.
  fs.mkdirSync(options.scratchDir, { recursive: true });
  ctx.createTemporaryDirectory = async () =>
    fs.mkdtempSync(path.join(options.scratchDir, 'tmp-'));
  await action.handler(ctx as any);
}
