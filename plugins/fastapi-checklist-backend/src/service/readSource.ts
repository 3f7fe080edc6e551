import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError, NotModifiedError } from '@backstage/errors';
import {
  SourceTree,
  treeFromDirectory,
  treeFromEntries,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type SourceRead =
  | { changed: false }
  | { changed: true; tree: SourceTree; etag?: string };

/** A fingerprint of a directory (paths, sizes, modification times) used as its etag. */
async function directoryFingerprint(root: string): Promise<string> {
  const hash = createHash('sha256');
  async function walk(relative: string): Promise<void> {
    const entries = await fs.readdir(path.join(root, relative), {
      withFileTypes: true,
    });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (
        entry.name === '.git' ||
        entry.name === 'node_modules' ||
        entry.name === '.venv'
      )
        continue;
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        const stats = await fs.stat(path.join(root, child));
        hash.update(`${child}\0${stats.size}\0${stats.mtimeMs}\n`);
      }
    }
  }
  await walk('');
  return hash.digest('hex');
}

/**
 * Reads an entity's repository: a `file` location under the local repositories root
 * from disk, anything else through the UrlReader on its source location. The previous
 * etag is passed along, so an unchanged repository is neither downloaded nor analysed.
 */
export async function readEntitySource(options: {
  entity: Entity;
  urlReader: UrlReaderService;
  localRoot?: string;
  etag?: string;
}): Promise<SourceRead> {
  const { entity, urlReader, localRoot, etag } = options;
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  const managedBy = annotations[ANNOTATION_LOCATION];
  if (!source?.startsWith('url:') && managedBy?.startsWith('file:')) {
    const file = path.resolve(parseLocationRef(managedBy).target);
    const relative = localRoot ? path.relative(localRoot, file) : '..';
    if (!localRoot || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new InputError(
        `${managedBy} is not inside the local repositories root${
          localRoot
            ? ` ${localRoot}`
            : ' (fastapiChecklist.localRoot is not set)'
        }`,
      );
    }
    const directory = path.dirname(file);
    const fingerprint = await directoryFingerprint(directory);
    if (fingerprint === etag) return { changed: false };
    return {
      changed: true,
      tree: await treeFromDirectory(directory),
      etag: fingerprint,
    };
  }
  if (!source) {
    throw new InputError(
      `The entity has no ${ANNOTATION_SOURCE_LOCATION} annotation to read its repository from`,
    );
  }
  const { type, target } = parseLocationRef(source);
  if (type !== 'url')
    throw new InputError(
      `Cannot read ${source}: only url source locations are supported`,
    );
  try {
    const response = await urlReader.readTree(target, { etag });
    const files = await response.files();
    const entries = await Promise.all(
      files.map(
        async f => [f.path, Buffer.from(await f.content())] as [string, Buffer],
      ),
    );
    return {
      changed: true,
      tree: treeFromEntries(entries),
      etag: response.etag,
    };
  } catch (error) {
    if (
      error instanceof NotModifiedError ||
      (error as Error).name === 'NotModifiedError'
    )
      return { changed: false };
    throw error;
  }
}
