import { directoryOf } from '../tree/relativePaths';

/** `compose.yaml`, `docker-compose.prod.yml`, `docker-compose-dev.yaml`: compose files. */
export const COMPOSE_FILE = /(^|\/)(docker-)?compose([.-][\w-]+)*\.ya?ml$/;

/** One compose service that builds an image of the repository. */
export type ComposeBuild = {
  /** The compose file. */
  path: string;
  /** Repository path of the Dockerfile it builds. */
  dockerfile: string;
  /** Its `command:` as words, with the line it is on. */
  command?: { words: string[]; line: number; text: string };
};

const indentOf = (line: string) => line.length - line.trimStart().length;

function joinPath(dir: string, relative: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

const unquote = (value: string) => value.trim().replace(/^(["'])(.*)\1$/, '$2');

/** `command: a b` or a `command:` list, as words. */
function commandOf(
  lines: string[],
  start: number,
  end: number,
): ComposeBuild['command'] {
  for (let i = start; i < end; i++) {
    const match = /^\s*command:\s*(.*)$/.exec(lines[i]);
    if (!match) continue;
    let inline = match[1].trim();
    // A quoted command continued over several lines: `bash -c "\n uvicorn …\n"`.
    const quote = /(["'])/.exec(inline)?.[1];
    if (quote && inline.split(quote).length % 2 === 0) {
      for (let j = i + 1; j < end; j++) {
        inline += ` ${lines[j].trim()}`;
        if (lines[j].includes(quote)) break;
      }
    }
    if (inline.startsWith('[')) {
      const words = inline.slice(1, -1).split(',').map(unquote).filter(Boolean);
      return { words, line: i + 1, text: lines[i].trim() };
    }
    if (inline)
      return {
        words: inline.replace(/["']/g, ' ').split(/\s+/).filter(Boolean),
        line: i + 1,
        text: lines[i].trim(),
      };
    const words: string[] = [];
    for (let j = i + 1; j < end && /^\s*-\s/.test(lines[j]); j++)
      words.push(...unquote(lines[j].replace(/^\s*-\s*/, '')).split(/\s+/));
    return { words, line: i + 1, text: lines[i].trim() };
  }
  return undefined;
}

/**
 * The services of every compose file that build a Dockerfile of the repository, read
 * line by line (build context and dockerfile, command). Enough for the facts the
 * checklist needs; nothing is interpolated or run.
 */
export function composeBuilds(files: Map<string, Buffer>): ComposeBuild[] {
  const builds: ComposeBuild[] = [];
  for (const [path, content] of files) {
    if (!COMPOSE_FILE.test(path) || path.startsWith('.github/')) continue;
    const lines = content.toString('utf8').split('\n');
    const servicesLine = lines.findIndex(l => /^services:\s*$/.test(l));
    if (servicesLine < 0) continue;
    // Service keys are the least indented keys under `services:`.
    const keyIndent = lines
      .slice(servicesLine + 1)
      .filter(l => l.trim() && !l.trim().startsWith('#'))
      .map(indentOf)[0];
    const starts: number[] = [];
    for (let i = servicesLine + 1; i < lines.length; i++) {
      const line = lines[i];
      if (!line.trim() || line.trim().startsWith('#')) continue;
      if (indentOf(line) === 0) break;
      if (indentOf(line) === keyIndent && /^\s*[\w.-]+:\s*$/.test(line))
        starts.push(i);
    }
    starts.forEach((start, index) => {
      const end = starts[index + 1] ?? lines.length;
      let context: string | undefined;
      let dockerfile = 'Dockerfile';
      for (let i = start + 1; i < end; i++) {
        const build = /^\s*build:\s*(\S.*)?$/.exec(lines[i]);
        if (build) context = build[1] ? unquote(build[1]) : context ?? '.';
        const ctx = /^\s*context:\s*(\S.*)$/.exec(lines[i]);
        if (ctx) context = unquote(ctx[1]);
        const file = /^\s*dockerfile:\s*(\S.*)$/.exec(lines[i]);
        if (file) {
          dockerfile = unquote(file[1]);
          context ??= '.';
        }
      }
      if (context === undefined) return;
      builds.push({
        path,
        dockerfile: joinPath(joinPath(directoryOf(path), context), dockerfile),
        command: commandOf(lines, start + 1, end),
      });
    });
  }
  return builds;
}
