import { DockerfileParser, Env } from 'dockerfile-ast';

/** What the harness needs to run a Dockerfile's final stage the way a container would. */
export type ContainerCommand = {
  /** ENTRYPOINT followed by CMD, both in exec (JSON) form. */
  args: string[];
  /** ENV of the final stage, in order (later wins). */
  env: Record<string, string>;
  /** The CMD instruction as written, for messages. */
  text: string;
};

function execForm(keyword: string, raw: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.trim());
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every(a => typeof a === 'string'))
    throw new Error(
      `${keyword} must be in exec form (a JSON array of strings), got: ${raw.trim()}`,
    );
  return parsed;
}

/** Parses a Dockerfile with dockerfile-ast and returns its final stage's command. */
export function containerCommand(dockerfile: string): ContainerCommand {
  const instructions = DockerfileParser.parse(dockerfile).getInstructions();
  const lastFrom = instructions.map(i => i.getKeyword()).lastIndexOf('FROM');
  const finalStage = instructions.slice(Math.max(lastFrom, 0));
  let entrypoint: string[] = [];
  let cmd: { args: string[]; text: string } | undefined;
  const env: Record<string, string> = {};
  for (const instruction of finalStage) {
    const keyword = instruction.getKeyword();
    const raw = instruction.getRawArgumentsContent() ?? '';
    if (keyword === 'ENTRYPOINT') entrypoint = execForm(keyword, raw);
    else if (keyword === 'CMD')
      cmd = {
        args: execForm(keyword, raw),
        text: instruction.getTextContent().trim(),
      };
    else if (keyword === 'ENV')
      for (const property of (instruction as Env).getProperties())
        env[property.getName()] = property.getValue() ?? '';
  }
  if (!cmd) throw new Error('The Dockerfile has no CMD in its final stage');
  return { args: [...entrypoint, ...cmd.args], env, text: cmd.text };
}

/**
 * The command with its listening port set to `port`: the value after `--port` (or in
 * `--port=N`) is replaced and nothing else changes, so workers, host and proxy flags stay
 * exactly as shipped. A command without `--port` listens on the server's default (8000
 * for `fastapi run` and uvicorn), which a container maps; locally we append
 * `--port <port>` instead, the one way to move it off a port other checks may hold.
 */
export function withPort(args: string[], port: number): string[] {
  const out = [...args];
  const index = out.findIndex(a => a === '--port' || a.startsWith('--port='));
  if (index === -1) return [...out, '--port', String(port)];
  if (out[index] === '--port') {
    if (index + 1 >= out.length)
      throw new Error(`"--port" without a value in ${JSON.stringify(args)}`);
    out[index + 1] = String(port);
  } else out[index] = `--port=${port}`;
  return out;
}

/** The value of a `--flag N` / `--flag=N` option in a command, if present. */
export function optionValue(args: string[], flag: string): string | undefined {
  const index = args.findIndex(a => a === flag || a.startsWith(`${flag}=`));
  if (index === -1) return undefined;
  return args[index] === flag ? args[index + 1] : args[index].split('=')[1];
}
