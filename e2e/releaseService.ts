/*
 * A service as the local target published it from an older release of the golden path:
 * the real fastapi:render action renders `releases/<version>/skeleton`, and the real
 * fastapi:local:publish action makes it a repository under the local root, as the Create
 * template's steps do. The portal's template only creates the current version, so the
 * upgrade test starts from here.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  createFastapiRenderAction,
  createLocalPublishAction,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';

const TEMPLATE_DIR = path.join(__dirname, '../templates/fastapi-service');

/** Nothing is read through the UrlReader: the skeleton is a file: location. */
const noReader = new Proxy(
  {},
  {
    get: (_, name) => () => {
      throw new Error(`the release render read ${String(name)} from a URL`);
    },
  },
);

const quietLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

export async function publishRelease(options: {
  root: string;
  version: string;
  input: Record<string, unknown> & { name: string };
}): Promise<string> {
  const template = parseYaml(
    fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  template.metadata.annotations['fastapi-golden-path/version'] =
    options.version;
  const scratch = fs.mkdtempSync(path.join(tmpdir(), 'release-render-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const context = {
    logger: quietLogger,
    output: () => {},
    isDryRun: false,
    checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(scratch, 'tmp-')),
    templateInfo: {
      entityRef: `template:default/${template.metadata.name}`,
      baseUrl: pathToFileURL(path.join(TEMPLATE_DIR, 'template.yaml')).href,
      entity: template,
    },
  };
  try {
    await createFastapiRenderAction({
      reader: noReader as any,
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    }).handler({
      ...context,
      input: {
        ...options.input,
        skeleton: `./releases/${options.version}/skeleton`,
      },
      workspacePath: workspace,
    } as any);
    await createLocalPublishAction({
      local: {
        root: options.root,
        defaultAuthor: { name: 'Golden Path', email: 'golden-path@localhost' },
      },
    }).handler({
      ...context,
      input: {
        name: options.input.name,
        commitMessage: `Created from the FastAPI golden path ${options.version}`,
      },
      workspacePath: workspace,
    } as any);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return path.join(options.root, options.input.name);
}
