import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export type DirectoryFile = {
  path: string;
  base64Content: string;
  executable?: boolean;
};

/** A template directory as the dry-run API takes it: template.yaml plus every file beside it. */
export function loadTemplateForDryRun(templateDir: string) {
  const directoryContents: DirectoryFile[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(templateDir, rel), {
      withFileTypes: true,
    })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else {
        directoryContents.push({
          path: child,
          base64Content: fs
            .readFileSync(path.join(templateDir, child))
            .toString('base64'),
        });
      }
    }
  };
  walk('');
  const template = parseYaml(
    fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
  );
  return { template, directoryContents };
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
