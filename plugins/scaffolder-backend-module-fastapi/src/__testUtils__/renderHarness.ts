import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { createFastapiRenderAction } from '../actions/render';

/** The real template directory of this repository. */
export const TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../../templates/fastapi-service',
);

export function createRenderAction() {
  return createFastapiRenderAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
}

/** Runs fastapi:render as the scaffolder would for a template living in templateDir. */
export async function runRender(options: {
  input: Record<string, unknown>;
  workspacePath: string;
  templateDir?: string;
  tempDir: string;
  /** The template's fastapi-golden-path/version annotation. */
  version?: string;
}) {
  const outputs: Record<string, unknown> = {};
  const templateDir = options.templateDir ?? TEMPLATE_DIR;
  let tempCount = 0;
  const ctx = createMockActionContext({
    input: options.input as any,
    workspacePath: options.workspacePath,
    templateInfo: {
      entityRef: 'template:default/fastapi-service',
      baseUrl: `file://${templateDir}/template.yaml`,
      entity: {
        metadata: {
          name: 'fastapi-service',
          annotations: {
            'fastapi-golden-path/version': options.version ?? '9.9.9',
          },
        },
      },
    },
  });
  // Like the real task runner: step outputs collected, temporary directories outside the workspace.
  ctx.output = (name: string, value: unknown) => {
    outputs[name] = value;
  };
  ctx.createTemporaryDirectory = async () => {
    const dir = path.join(options.tempDir, `tmp-${tempCount++}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  await createRenderAction().handler(ctx as any);
  return outputs;
}

/** Every file under dir, relative, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), {
      withFileTypes: true,
    })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}
