import { ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Records where a local repository lives in its catalog-info.yaml (the path is only known
 * once it is published): every entity gets `backstage.io/source-location: file:<dir>/`,
 * edited as YAML data so the rest of the file stays as rendered.
 */
export async function annotateSourceLocation(
  repository: string,
): Promise<boolean> {
  const file = path.join(repository, 'catalog-info.yaml');
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    if (document.errors.length)
      throw new Error(
        `${file} is not valid YAML: ${document.errors[0].message}`,
      );
    if (document.getIn(['metadata', 'name']) === undefined) continue;
    document.setIn(
      ['metadata', 'annotations', ANNOTATION_SOURCE_LOCATION],
      `file:${repository}/`,
    );
  }
  await fs.writeFile(
    file,
    documents.map(d => d.toString({ lineWidth: 0 })).join(''),
  );
  return true;
}
