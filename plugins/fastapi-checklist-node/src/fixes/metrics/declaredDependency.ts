import type { FileEdit } from '../types';

/** A requirement line or pyproject entry naming the package (any normalisation of its name). */
const declares = (name: string) =>
  new RegExp(
    `^\\s*["']?${name.replace(/[-_.]/g, '[-_.]')}\\s*(\\[|[<>=!~;"',]|$)`,
    'im',
  );

const LOCKS = ['uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile.lock'];

export type Declaration =
  | { kind: 'declared'; path: string }
  | { kind: 'added'; edit: FileEdit; requirement: string }
  | { kind: 'refused'; reason: string };

/**
 * Whether the service declares `name` as a dependency, and when not, the edit adding it
 * to its declared dependencies: the range to the multi-line `dependencies = [...]` of
 * pyproject.toml's [project], else to requirements.txt (the exact pin when every
 * requirement there is pinned with ==, as the dependency-lock check wants). Refused when a lock would then be
 * stale (uv.lock, poetry.lock, hashed requirements): re-locking needs the owners' tools.
 */
export function declareDependency(
  files: Map<string, Buffer>,
  root: string,
  name: string,
  requirement: { range: string; pinned: string },
): Declaration {
  const at = (file: string) => (root ? `${root}/${file}` : file);
  const text = (file: string) => files.get(at(file))?.toString('utf8');
  const candidates = [...files.keys()].filter(path => {
    const local = root ? path.slice(root.length + 1) : path;
    return (
      (!root || path.startsWith(`${root}/`)) &&
      (local === 'pyproject.toml' || /^requirements[^/]*\.txt$/.test(local))
    );
  });
  const found = candidates.find(path =>
    declares(name).test(files.get(path)!.toString('utf8')),
  );
  if (found) return { kind: 'declared', path: found };

  const lock =
    LOCKS.find(file => files.has(at(file))) ??
    candidates.find(path =>
      /--hash[= ]/.test(files.get(path)!.toString('utf8')),
    );
  if (lock)
    return {
      kind: 'refused',
      reason: `${name} is not a declared dependency and ${lock} locks the dependencies: add ${requirement.range} and re-lock, then run the fix again`,
    };

  const pyproject = text('pyproject.toml');
  const list = pyproject && projectDependencies(pyproject);
  if (list) {
    const eol = pyproject.includes('\r\n') ? '\r\n' : '\n';
    return {
      kind: 'added',
      requirement: requirement.range,
      edit: {
        path: at('pyproject.toml'),
        content: `${pyproject.slice(0, list.end)}${list.indent}"${
          requirement.range
        }",${eol}${pyproject.slice(list.end)}`,
      },
    };
  }
  const requirements = text('requirements.txt');
  if (requirements !== undefined) {
    const sep = requirements === '' || requirements.endsWith('\n') ? '' : '\n';
    // Pinned like the file's other requirements, so the dependency-lock verdict holds.
    const lines = requirements
      .split('\n')
      .map(line => line.replace(/(^|\s)#.*$/, '').trim())
      .filter(line => line && !line.startsWith('-'));
    const added =
      lines.length > 0 && lines.every(line => /^[\w.[\],-]+\s*==/.test(line))
        ? requirement.pinned
        : requirement.range;
    return {
      kind: 'added',
      requirement: added,
      edit: {
        path: at('requirements.txt'),
        content: `${requirements}${sep}${added}\n`,
      },
    };
  }
  return {
    kind: 'refused',
    reason: `${name} is not a declared dependency, and the service declares its dependencies neither in pyproject.toml's [project] dependencies (one per line) nor in requirements.txt`,
  };
}

/**
 * Where a new entry goes in [project]'s multi-line `dependencies = [` … `]`: the start of
 * the closing bracket's line, with the entries' indentation.
 */
function projectDependencies(
  pyproject: string,
): { end: number; indent: string } | undefined {
  const section = /^\[project\][ \t]*\r?$/m.exec(pyproject);
  if (!section) return undefined;
  const next = /^\[/m.exec(pyproject.slice(section.index + 1));
  const stop = next ? section.index + 1 + next.index : pyproject.length;
  const body = pyproject.slice(section.index, stop);
  const open = /^dependencies\s*=\s*\[[ \t]*(#.*)?\r?\n/m.exec(body);
  if (!open) return undefined;
  const afterOpen = open.index + open[0].length;
  const close = /^[ \t]*\][ \t]*(#.*)?\r?$/m.exec(body.slice(afterOpen));
  if (!close) return undefined;
  const entries = body.slice(afterOpen, afterOpen + close.index);
  // The last entry must end with a comma for one to follow it.
  const last = entries
    .split('\n')
    .map(line => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .pop();
  if (last && !last.endsWith(',')) return undefined;
  const entry = /^([ \t]+)["']/m.exec(entries);
  return {
    end: section.index + afterOpen + close.index,
    indent: entry?.[1] ?? '    ',
  };
}
