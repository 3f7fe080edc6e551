import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { repositoryFile } from '../docker/launchCommand';
import { Check, outcome } from './context';
import { textOf } from '../tree/textOf';
import {
  filesMatching,
  folderChain,
  inFolder,
  lineMatching,
} from './repositoryFiles';

/** Lock files of the Python package managers; each pins hashes when it names sha256 digests. */
const LOCK_FILES = ['uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile.lock'];
/** fastapi as a locked package: `name = "fastapi"` (uv, poetry, pdm), `"fastapi": {` (Pipfile.lock). */
const LOCKS_FASTAPI = /^name\s*=\s*"fastapi"\s*$|"fastapi"\s*:\s*\{/im;
const REQUIREMENTS = /(^|\/)requirements([^/]*\.txt|\/[^/]+\.txt)$/;
/** Requirement files for development, tests, linting or docs: not what the service runs. */
const NOT_RUNTIME = /(dev|test|lint|doc|ci|local|type|mypy)[^/]*\.txt$/i;

type Verdict = 'hashed' | 'pinned' | 'unpinned';

/** A requirements file's requirement lines (continuations joined), each with its first line number. */
function requirementLines(text: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  let pending: { line: number; text: string } | undefined;
  text.split('\n').forEach((raw, index) => {
    const content = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    const continued = content.endsWith('\\');
    const piece = continued ? content.slice(0, -1) : content;
    if (pending) pending.text += ` ${piece.trim()}`;
    else pending = { line: index + 1, text: piece.trim() };
    if (continued) return;
    // Options (-r other.txt, --index-url …) are not requirements; an editable install is one.
    if (
      pending.text &&
      (!pending.text.startsWith('-') || pending.text.startsWith('-e'))
    )
      found.push(pending);
    pending = undefined;
  });
  return found;
}

function requirementVerdict(requirement: string): Verdict {
  if (/--hash[=\s]+\w+:/.test(requirement)) return 'hashed';
  if (
    /^[\w.[\],-]+\s*===?\s*[\w.+!-]+(\s*;.*)?$/.test(
      requirement.split(/\s+--/)[0].trim(),
    )
  )
    return 'pinned';
  return 'unpinned';
}

const WORST: Record<Verdict, number> = { hashed: 0, pinned: 1, unpinned: 2 };

/** `pip install -r FILE` / `--requirement=FILE` in a Dockerfile: a requirements file of any name. */
const INSTALLED_REQUIREMENTS =
  /\bpip3?\b[^\n]*?\binstall\b[^\n]*?(?:\s-r\s*|\s--requirement[=\s]\s*)["']?([^\s"';&|]+\.txt)/g;

/** Requirements files the service's images install by name (`req.txt`), as repository paths. */
function installedRequirements(
  dockerfiles: { path: string }[],
  files: Map<string, Buffer>,
  root: string,
): string[] {
  const found = new Set<string>();
  for (const { path } of dockerfiles) {
    const text = files.get(path)?.toString('utf8') ?? '';
    for (const match of text.matchAll(INSTALLED_REQUIREMENTS)) {
      const file = repositoryFile(files, match[1], root);
      if (file) found.add(file);
    }
  }
  return [...found];
}

export const dependencyLockCheck: Check = ({
  root,
  files,
  unread,
  dockerfiles,
}) => {
  const folders = folderChain(root);
  for (const dir of folders) {
    for (const name of LOCK_FILES) {
      const path = inFolder(dir, name);
      // Too large to read (big projects' uv.lock): these managers record a sha256 for
      // every package they download.
      if (unread.has(path))
        return outcome(
          'pass',
          `Dependencies are locked in ${path} (not read: over the size limit; ${name} records a sha256 hash for every downloaded package).`,
          [{ path, message: `${name}, not read` }],
        );
      const content = files.get(path)?.toString('utf8');
      if (content === undefined) continue;
      // A lock above the service's folder is its workspace's only when it locks fastapi;
      // otherwise it locks something else (a root project of tooling: pre-commit).
      if (dir !== root && !LOCKS_FASTAPI.test(content)) continue;
      const hash = lineMatching(
        path,
        content,
        /sha256[:=]/,
        `${name} pins hashes`,
      );
      if (hash)
        return outcome(
          'pass',
          `Dependencies are locked with hashes in ${path}.`,
          [hash],
        );
      return outcome('warn', `${path} locks versions but records no hashes.`, [
        { path, message: 'no sha256 hashes' },
      ]);
    }
  }
  // requirements*.txt (or requirements/*.txt) of the service's folder, runtime ones first.
  // Then files of other names the service's images install (`pip install -r req.txt`).
  const requirementFiles = [
    ...new Set([
      ...folders.flatMap(dir =>
        filesMatching(files, REQUIREMENTS, dir).filter(
          path => path.slice(dir ? dir.length + 1 : 0).split('/').length <= 2,
        ),
      ),
      ...installedRequirements(dockerfiles, files, root),
    ]),
  ];
  const runtime = requirementFiles.filter(path => !NOT_RUNTIME.test(path));
  const judged = (runtime.length ? runtime : requirementFiles).flatMap(path =>
    requirementLines(textOf(files.get(path)!)).map(requirement => ({
      path,
      ...requirement,
      verdict: requirementVerdict(requirement.text),
    })),
  );
  if (judged.length === 0)
    return outcome(
      'fail',
      'No lock file (uv.lock, poetry.lock, pdm.lock, Pipfile.lock) and no pinned requirements file: every build resolves dependencies anew.',
    );
  const worst = judged.reduce((a, b) =>
    WORST[b.verdict] > WORST[a.verdict] ? b : a,
  );
  const at = (r: (typeof judged)[number], message: string): Evidence => ({
    path: r.path,
    line: r.line,
    snippet: r.text.length > 120 ? `${r.text.slice(0, 117)}...` : r.text,
    message,
  });
  const paths = [...new Set(judged.map(r => r.path))].join(', ');
  if (worst.verdict === 'hashed')
    return outcome(
      'pass',
      `Every requirement of ${paths} is pinned with --hash.`,
      [at(judged[0], 'pinned with --hash')],
    );
  if (worst.verdict === 'pinned')
    return outcome(
      'warn',
      `Every requirement of ${paths} is pinned to an exact version, but without hashes (pip-compile --generate-hashes, uv lock).`,
      [
        at(
          judged.find(r => r.verdict === 'pinned')!,
          'exact pin without a hash',
        ),
      ],
    );
  const unpinned = judged.filter(r => r.verdict === 'unpinned');
  return outcome(
    'fail',
    `${unpinned.length} of ${judged.length} requirements of ${paths} are not pinned to an exact version (${unpinned[0].text}).`,
    unpinned.slice(0, 5).map(r => at(r, 'not pinned')),
  );
};
