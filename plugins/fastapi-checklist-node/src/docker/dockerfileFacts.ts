import { DockerfileParser, Instruction } from 'dockerfile-ast';

/** The container facts the checklist needs from one Dockerfile. */
export type DockerfileFacts = {
  path: string;
  stages: number;
  /** Line of the final stage's FROM (where missing instructions belong). */
  finalStageLine?: number;
  /** The final stage's effective USER (undefined: never set, so root). */
  user?: { value: string; line: number };
  command?: {
    form: 'exec' | 'shell';
    args: string[];
    line: number;
    text: string;
  };
  entrypoint?: {
    form: 'exec' | 'shell';
    args: string[];
    line: number;
    text: string;
  };
  healthcheck?: { line: number; disabled: boolean };
  /** ENV and ARG defaults visible in the final stage. */
  env: Map<string, { value: string; line: number }>;
  /** Build-context sources the final stage COPYs or ADDs (not `--from` another stage). */
  copies: string[];
};

/**
 * `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, and `Dockerfile_fastapi` or
 * `Dockerfile-api` (a suffix of letters, digits, `_` and `-`: `Dockerfile_notes.md` is not one).
 * `Dockerfile.dockerignore` is BuildKit's ignore file for `Dockerfile`, not an image.
 */
export function isDockerfilePath(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  if (name.endsWith('.dockerignore')) return false;
  return (
    /^(Dockerfile|Containerfile|dockerfile)(\..+|[_-][\w-]+)?$/.test(name) ||
    /\.(Dockerfile|dockerfile)$/.test(name)
  );
}

function commandOf(instruction: Instruction): DockerfileFacts['command'] {
  const raw = instruction.getRawArgumentsContent() ?? '';
  const line = instruction.getRange().start.line + 1;
  const text = instruction.getTextContent().trim();
  if (raw.trim().startsWith('[')) {
    try {
      const args = JSON.parse(raw.trim());
      if (Array.isArray(args) && args.every(a => typeof a === 'string')) {
        return { form: 'exec', args, line, text };
      }
    } catch {
      // Not valid JSON: Docker then runs it through a shell too.
    }
  }
  return {
    form: 'shell',
    args: instruction.getArguments().map(a => a.getValue()),
    line,
    text,
  };
}

/** Parses a Dockerfile with dockerfile-ast and reads its final stage. */
export function analyzeDockerfile(
  path: string,
  content: string,
): DockerfileFacts {
  const dockerfile = DockerfileParser.parse(content);
  const instructions = dockerfile.getInstructions();
  const fromIndexes = instructions.flatMap((instruction, index) =>
    instruction.getKeyword() === 'FROM' ? [index] : [],
  );
  const finalStage = instructions.slice(
    fromIndexes.length ? fromIndexes[fromIndexes.length - 1] : 0,
  );
  const facts: DockerfileFacts = {
    path,
    stages: fromIndexes.length,
    finalStageLine: finalStage[0]
      ? finalStage[0].getRange().start.line + 1
      : undefined,
    env: new Map(),
    copies: [],
  };
  for (const instruction of dockerfile.getARGs()) {
    for (const property of instruction.getProperties()) {
      const value = property.getValue();
      if (value !== null)
        facts.env.set(property.getName(), {
          value,
          line: instruction.getRange().start.line + 1,
        });
    }
  }
  for (const instruction of finalStage) {
    const line = instruction.getRange().start.line + 1;
    switch (instruction.getKeyword()) {
      case 'USER':
        facts.user = {
          value: instruction
            .getArguments()
            .map(a => a.getValue())
            .join(' '),
          line,
        };
        break;
      case 'CMD':
        facts.command = commandOf(instruction);
        break;
      case 'ENTRYPOINT':
        facts.entrypoint = commandOf(instruction);
        break;
      case 'HEALTHCHECK': {
        const first = instruction.getArguments()[0]?.getValue().toUpperCase();
        facts.healthcheck = { line, disabled: first === 'NONE' };
        break;
      }
      case 'COPY':
      case 'ADD': {
        const words = instruction.getArguments().map(a => a.getValue());
        if (words.some(w => w.startsWith('--from'))) break;
        // Flags aside, every word but the last (the destination) is a source.
        facts.copies.push(
          ...words.filter(w => !w.startsWith('--')).slice(0, -1),
        );
        break;
      }
      case 'ENV':
        for (const property of (
          instruction as unknown as {
            getProperties(): { getName(): string; getValue(): string | null }[];
          }
        ).getProperties()) {
          facts.env.set(property.getName(), {
            value: property.getValue() ?? '',
            line,
          });
        }
        break;
      default:
    }
  }
  return facts;
}

/** The full container command (ENTRYPOINT followed by CMD), as words. */
export function containerCommand(facts: DockerfileFacts): string[] {
  return [
    ...(facts.entrypoint?.args ?? []),
    ...(facts.command?.args ?? []),
  ].flatMap(arg =>
    facts.command?.form === 'shell' || facts.entrypoint?.form === 'shell'
      ? arg.split(/\s+/)
      : [arg],
  );
}
