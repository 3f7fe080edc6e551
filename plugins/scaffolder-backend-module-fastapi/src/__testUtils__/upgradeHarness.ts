import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { createFastapiUpgradeAction } from '../actions/upgrade';

/** Runs fastapi:upgrade as the scaffolder would for a template living in templateDir. */
export async function runUpgrade(options: {
  input: Record<string, unknown>;
  workspacePath: string;
  templateDir: string;
  tempDir: string;
  /** The running template's fastapi-golden-path/version annotation. */
  templateVersion?: string;
  /** Receives the task log's lines (info and warn). */
  log?: string[];
}) {
  const outputs: Record<string, unknown> = {};
  let count = 0;
  const ctx = createMockActionContext({
    input: options.input as any,
    workspacePath: options.workspacePath,
    templateInfo: {
      entityRef: 'template:default/fastapi-upgrade',
      baseUrl: `file://${options.templateDir}/template.yaml`,
      ...(options.templateVersion && {
        entity: {
          metadata: {
            name: 'fastapi-upgrade',
            annotations: {
              'fastapi-golden-path/version': options.templateVersion,
            },
          },
        },
      }),
    },
  });
  ctx.output = (name: string, value: unknown) => {
    outputs[name] = value;
  };
  const { log } = options;
  if (log) {
    const record = (message: string) => void log.push(message);
    Object.assign(ctx.logger, { info: record, warn: record });
  }
  ctx.createTemporaryDirectory = async () => {
    const dir = path.join(options.tempDir, `upgrade-${count++}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  const action = createFastapiUpgradeAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  await action.handler(ctx as any);
  return outputs;
}

/** Every file under two directories has the same content (for an upgrade vs a fresh render). */
export function readAll(dir: string, files: string[]): Record<string, string> {
  return Object.fromEntries(
    files.map(file => [file, fs.readFileSync(path.join(dir, file), 'utf8')]),
  );
}
