import {
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
} from '@backstage/catalog-model';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { withSourceAndInlineText } from '../local/annotateSourceAndInlineText';
import { withViewUrl } from '../local/annotateViewUrl';
import type { FileSet } from './mergeFiles';

const CATALOG_INFO = 'catalog-info.yaml';

type LocalPublication = { repository: string; viewUrl?: string };

/**
 * How the local target published the service, read from its catalog-info.yaml: the
 * repository its `file:<dir>/` source location names and its view URL. Undefined for a
 * service published elsewhere (GitHub), whose catalog-info.yaml is as rendered.
 */
export function localPublication(
  catalogInfo: string | undefined,
): LocalPublication | undefined {
  if (!catalogInfo) return undefined;
  for (const document of parseAllDocuments(catalogInfo)) {
    const annotations = document.toJS()?.metadata?.annotations;
    const source = annotations?.[ANNOTATION_SOURCE_LOCATION];
    if (typeof source !== 'string' || !source.startsWith('file:')) continue;
    try {
      const repository = fileURLToPath(source).replace(/\/+$/, '');
      if (!path.isAbsolute(repository)) continue;
      const viewUrl = annotations[ANNOTATION_VIEW_URL];
      return {
        repository,
        ...(typeof viewUrl === 'string' && { viewUrl }),
      };
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * A render's files with its catalog-info.yaml as the local target's publish step
 * prepares it (source location, inlined `$text` definitions from the render's own files,
 * view URL), so the version a service was made from compares with the published file
 * line for line and an upgrade changes only what the template changed.
 */
export function asPublishedLocally(
  files: FileSet,
  publication: LocalPublication,
): FileSet {
  const text = files.get(CATALOG_INFO)?.toString('utf8');
  if (text === undefined) return files;
  const { repository, viewUrl } = publication;
  const readText = (file: string) => {
    const relative = path.relative(repository, file).split(path.sep).join('/');
    const content = files.get(relative);
    if (content === undefined)
      throw new Error(
        `${CATALOG_INFO} inlines ${relative}, which the render has not`,
      );
    return content.toString('utf8');
  };
  let prepared = withSourceAndInlineText(text, repository, readText);
  if (viewUrl) prepared = withViewUrl(prepared, viewUrl);
  return new Map(files).set(CATALOG_INFO, Buffer.from(prepared));
}
