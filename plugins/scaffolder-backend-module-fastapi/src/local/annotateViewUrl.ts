import { ANNOTATION_VIEW_URL } from '@backstage/catalog-model';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Sets `backstage.io/view-url` on every entity of a local repository's
 * catalog-info.yaml: the portal's "View source" and the checklist's evidence links open
 * the repository there, as a `file:` source location cannot be opened by a browser.
 */
export function withViewUrl(text: string, viewUrl: string): string {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    if (document.errors.length)
      throw new Error(
        `catalog-info.yaml is not valid YAML: ${document.errors[0].message}`,
      );
    if (document.getIn(['metadata', 'name']) === undefined) continue;
    document.setIn(['metadata', 'annotations', ANNOTATION_VIEW_URL], viewUrl);
  }
  return documents.map(d => d.toString({ lineWidth: 0 })).join('');
}

/** Sets the view URL in the catalog-info.yaml of the repository at `repository`. */
export async function annotateViewUrl(
  repository: string,
  viewUrl: string,
): Promise<void> {
  const file = path.join(repository, 'catalog-info.yaml');
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  await fs.writeFile(file, withViewUrl(text, viewUrl));
}
