import escapeHtml from 'escape-html';
import type { HeadBlob, HeadTree } from './repositoryAtHead';

// Inline styles only; the page is served with a CSP that allows nothing else.
const STYLE = `
body { font: 14px/1.5 system-ui, sans-serif; margin: 24px; color: #222; }
nav a { color: #1f5493; }
pre { font: 13px/1.5 ui-monospace, monospace; border: 1px solid #ddd; padding: 8px 0; overflow-x: auto; }
pre span { display: block; padding: 0 12px; white-space: pre; }
pre span:target { background: #fff3bf; }
pre a { display: inline-block; width: 4em; color: #888; text-decoration: none; user-select: none; }
ul { list-style: none; padding-left: 0; }
`;

/** Breadcrumb links from the repository root to `segments` (relative hrefs). */
function breadcrumb(
  repository: string,
  segments: string[],
  isDirectory: boolean,
) {
  // a directory's URL ends in '/', a file's does not: the depth to the root differs by one
  const depth = segments.length - (isDirectory ? 0 : 1);
  const up = (levels: number) => (levels > 0 ? '../'.repeat(levels) : './');
  const crumbs = [
    `<a href="${up(depth)}">${escapeHtml(repository)}</a>`,
    ...segments.map((segment, index) => {
      const last = index === segments.length - 1;
      if (last) return escapeHtml(segment);
      return `<a href="${up(depth - index - 1)}">${escapeHtml(segment)}</a>`;
    }),
  ];
  return `<nav>${crumbs.join(' / ')} <small>(at HEAD, read-only)</small></nav>`;
}

function page(title: string, body: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>
${body}
</body></html>
`;
}

/** A directory listing; entries link relative to the directory's own URL. */
export function renderTree(
  repository: string,
  segments: string[],
  tree: HeadTree,
): string {
  const items = tree.entries.map(entry => {
    const name = escapeHtml(entry.name);
    const href = escapeHtml(encodeURIComponent(entry.name));
    switch (entry.type) {
      case 'tree':
        return `<li>📁 <a href="${href}/">${name}/</a></li>`;
      case 'blob':
        return `<li>📄 <a href="${href}">${name}</a></li>`;
      default:
        return `<li>🔗 ${name} <small>(${entry.type}, not followed)</small></li>`;
    }
  });
  const title = [repository, ...segments].join('/');
  return page(
    title,
    `${breadcrumb(repository, segments, true)}<ul>${items.join('')}</ul>`,
  );
}

/** True when the bytes look binary (a NUL in the first 8 KiB, as git decides). */
function isBinary(content: Uint8Array) {
  return content.subarray(0, 8000).includes(0);
}

/** A file with numbered lines; `#L<n>` anchors to line n. */
export function renderBlob(
  repository: string,
  segments: string[],
  blob: HeadBlob,
  maxBytes: number,
): string {
  const title = [repository, ...segments].join('/');
  const header = breadcrumb(repository, segments, false);
  if (!blob.content) {
    return page(
      title,
      `${header}<p>This file has ${blob.size} bytes, more than this view shows (${maxBytes}).</p>`,
    );
  }
  if (isBinary(blob.content)) {
    return page(
      title,
      `${header}<p>Binary file (${blob.size} bytes), not shown.</p>`,
    );
  }
  const text = new TextDecoder('utf-8').decode(blob.content);
  const lines = text.replace(/\n$/, '').split('\n');
  const numbered = lines.map(
    (line, index) =>
      `<span id="L${index + 1}"><a href="#L${index + 1}">${
        index + 1
      }</a>${escapeHtml(line)}</span>`,
  );
  return page(title, `${header}<pre>${numbered.join('')}</pre>`);
}
