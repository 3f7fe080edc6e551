import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  treeFromWalkedFiles,
  TreeLimits,
  walkFiles,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { directoryFingerprint } from './directoryFingerprint';
import { localRepositoryDirectory } from './localRepositoryDirectory';
import { readUrlSource } from './readUrlSource';
import type { SourceRead } from './SourceRead';

/**
 * Reads an entity's repository: registered from a `file` location (and without a url
 * source location), from disk under the local repositories root; anything else through
 * the UrlReader on its source location. The previous etag is passed along, so an
 * unchanged repository is neither downloaded nor analysed.
 */
export async function readEntitySource(options: {
  entity: Entity;
  urlReader: UrlReaderService;
  localRoot?: string;
  etag?: string;
  /** What the repository may hold (larger files skipped, too many bytes refused). */
  limits?: TreeLimits;
}): Promise<SourceRead> {
  const { entity, urlReader, localRoot, etag, limits } = options;
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  const managedBy = annotations[ANNOTATION_LOCATION];
  if (!source?.startsWith('url:') && managedBy?.startsWith('file:')) {
    const directory = localRepositoryDirectory(managedBy, localRoot);
    // One walk: it fingerprints the directory and, when that changed, says what to read.
    const files = await walkFiles(directory);
    const fingerprint = directoryFingerprint(files);
    if (fingerprint === etag) return { changed: false };
    return {
      changed: true,
      tree: await treeFromWalkedFiles(files, limits),
      etag: fingerprint,
    };
  }
  if (!source) {
    throw new InputError(
      `The entity has no ${ANNOTATION_SOURCE_LOCATION} annotation to read its repository from`,
    );
  }
  return readUrlSource(urlReader, source, etag, limits);
}
