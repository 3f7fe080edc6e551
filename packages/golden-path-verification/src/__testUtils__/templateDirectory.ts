import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The golden path's template in this repository: template.yaml and its skeleton. */
export const TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../../templates/fastapi-service',
);
export const SKELETON_DIR = path.join(TEMPLATE_DIR, 'skeleton');
/** Every released version, frozen: `releases/<version>/skeleton/`. */
export const RELEASES_DIR = path.join(TEMPLATE_DIR, 'releases');

export type DirectoryFile = {
  path: string;
  base64Content: string;
  executable?: boolean;
};

/** template.yaml as the catalog would read it. */
export function readTemplate(templateDir = TEMPLATE_DIR) {
  return parseYaml(
    fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
  );
}

/** A template directory as the dry-run API takes it: template.yaml plus every file beside it. */
export function loadTemplateForDryRun(templateDir = TEMPLATE_DIR) {
  const directoryContents: DirectoryFile[] = fs
    .readdirSync(templateDir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => {
      const file = path.join(entry.parentPath, entry.name);
      return {
        path: path.relative(templateDir, file).split(path.sep).join('/'),
        base64Content: fs.readFileSync(file).toString('base64'),
      };
    });
  return { template: readTemplate(templateDir), directoryContents };
}

/** Decodes the dry-run response's files into path → text. */
export function decodeDirectoryContents(
  files: DirectoryFile[],
): Map<string, string> {
  return new Map(
    files.map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}
