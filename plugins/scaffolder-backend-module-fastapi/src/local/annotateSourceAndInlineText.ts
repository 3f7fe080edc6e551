import { isChildPath } from '@backstage/backend-plugin-api';
import { ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import { TECHDOCS_ANNOTATION } from '@backstage/plugin-techdocs-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isScalar, parseAllDocuments, visit } from 'yaml';

/**
 * Replaces `{ $text: ./relative/file }` placeholders with the file's content. The catalog
 * resolves placeholders through URL readers, which cannot address a `file` location's
 * neighbours, so a local repository's entities carry their definitions inline.
 */
async function inlineTextPlaceholders(
  repository: string,
  document: ReturnType<typeof parseAllDocuments>[number],
) {
  const pending: { node: unknown; file: string }[] = [];
  visit(document, {
    Map(_, node) {
      if (node.items.length !== 1) return;
      const [pair] = node.items;
      if (
        !isScalar(pair.key) ||
        pair.key.value !== '$text' ||
        !isScalar(pair.value)
      )
        return;
      const target = String(pair.value.value);
      const file = path.resolve(repository, target);
      if (path.isAbsolute(target) || !isChildPath(repository, file)) return;
      pending.push({ node, file });
    },
  });
  for (const { node, file } of pending) {
    const content = await fs.readFile(file, 'utf8');
    visit(document, {
      Map(_, candidate) {
        return candidate === node ? document.createNode(content) : undefined;
      },
    });
  }
}

/**
 * TechDocs resolves `dir:` against the directory *containing* a `file` source location's
 * target (it expects a file such as catalog-info.yaml there), so for `file:<dir>/` the
 * repository's own `dir:.` must be spelled relative to its parent.
 */
export function techdocsRefForFileLocation(
  sourceTarget: string,
  repository: string,
  ref: string,
): string {
  if (!ref.startsWith('dir:')) return ref;
  const docsDir = path.resolve(repository, ref.slice('dir:'.length));
  if (!isChildPath(repository, docsDir)) return ref;
  const relative = path.relative(path.dirname(sourceTarget), docsDir);
  return `dir:./${relative.split(path.sep).join('/')}`;
}

/**
 * Prepares a local repository's catalog-info.yaml for a `file` location, as YAML data so
 * the rest stays as rendered: every entity records where the repository lives
 * (`backstage.io/source-location: file:<dir>/`, known only once published) and relative
 * `$text` placeholders are inlined; a `dir:` TechDocs reference is made to resolve
 * against that location.
 */
export async function annotateSourceAndInlineText(
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
    const sourceTarget = `${repository}/`;
    document.setIn(
      ['metadata', 'annotations', ANNOTATION_SOURCE_LOCATION],
      `file:${sourceTarget}`,
    );
    const techdocsRef = document.getIn([
      'metadata',
      'annotations',
      TECHDOCS_ANNOTATION,
    ]);
    if (typeof techdocsRef === 'string') {
      document.setIn(
        ['metadata', 'annotations', TECHDOCS_ANNOTATION],
        techdocsRefForFileLocation(sourceTarget, repository, techdocsRef),
      );
    }
    await inlineTextPlaceholders(repository, document);
  }
  await fs.writeFile(
    file,
    documents.map(d => d.toString({ lineWidth: 0 })).join(''),
  );
  return true;
}
