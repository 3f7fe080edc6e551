import { isChildPath } from '@backstage/backend-plugin-api';
import { ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import { TECHDOCS_ANNOTATION } from '@backstage/plugin-techdocs-common';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isScalar, parseAllDocuments, visit } from 'yaml';

/**
 * Replaces `{ $text: ./relative/file }` placeholders with the file's content. The catalog
 * resolves placeholders through URL readers, which cannot address a `file` location's
 * neighbours, so a local repository's entities carry their definitions inline.
 */
function inlineTextPlaceholders(
  repository: string,
  document: ReturnType<typeof parseAllDocuments>[number],
  readText: (file: string) => string,
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
    const content = readText(file);
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
 * A local repository's catalog-info.yaml prepared for a `file` location, as YAML data so
 * the rest stays as rendered: every entity records where the repository lives
 * (`backstage.io/source-location: file:<dir>/`, known only once published) and relative
 * `$text` placeholders are inlined (`readText` gives a file's content by its absolute
 * path under the repository); a `dir:` TechDocs reference is made to resolve against
 * that location. The upgrade prepares its renders with it too, so they compare with
 * the published file line for line.
 */
export function withSourceAndInlineText(
  text: string,
  repository: string,
  readText: (file: string) => string,
): string {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    if (document.errors.length)
      throw new Error(
        `catalog-info.yaml is not valid YAML: ${document.errors[0].message}`,
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
    inlineTextPlaceholders(repository, document, readText);
  }
  return documents.map(d => d.toString({ lineWidth: 0 })).join('');
}

/** Prepares the catalog-info.yaml of the repository at `repository` in place. */
export async function annotateSourceAndInlineText(
  repository: string,
): Promise<boolean> {
  const file = path.join(repository, 'catalog-info.yaml');
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  await fs.writeFile(
    file,
    withSourceAndInlineText(text, repository, target =>
      readFileSync(target, 'utf8'),
    ),
  );
  return true;
}
