import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { parseLocationRef } from '@backstage/catalog-model';
import { InputError, isError, NotModifiedError } from '@backstage/errors';
import {
  treeFromEntries,
  TreeLimits,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import type { SourceRead } from './SourceRead';

/**
 * Reads a `url:` source location through the UrlReader, passing the previous etag so an
 * unchanged repository is not downloaded again.
 */
export async function readUrlSource(
  urlReader: UrlReaderService,
  sourceLocation: string,
  etag: string | undefined,
  limits?: TreeLimits,
): Promise<SourceRead> {
  const { type, target } = parseLocationRef(sourceLocation);
  if (type !== 'url') {
    throw new InputError(
      `Cannot read ${sourceLocation}: only url source locations are supported`,
    );
  }
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
      tree: treeFromEntries(entries, limits),
      etag: response.etag,
    };
  } catch (error) {
    // By name too: a reader from another copy of @backstage/errors fails instanceof.
    if (
      error instanceof NotModifiedError ||
      (isError(error) && error.name === 'NotModifiedError')
    ) {
      return { changed: false };
    }
    throw error;
  }
}
