import type { InferredAnswer } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { DockerfileParser } from 'dockerfile-ast';
import type { ServiceContext } from '../checks/context';

/** The Python versions the Create form offers (template.yaml). */
const PYTHON_VERSIONS = ['3.11', '3.12', '3.13'];

/**
 * The Python version of the service's image: the `python:<version>[-variant]` tag its
 * final stage starts FROM, when every python stage of that Dockerfile names the same one.
 */
export function pythonVersionAnswer(
  context: ServiceContext,
): InferredAnswer<string> | undefined {
  const [image] = context.dockerfiles;
  const content = image && context.files.get(image.path);
  if (!content) return undefined;
  const froms = DockerfileParser.parse(content.toString('utf8')).getFROMs();
  const final = froms[froms.length - 1];
  const versionOf = (tag: string | null) =>
    /^(3\.\d+)(-[a-z0-9.-]+)?$/.exec(tag ?? '')?.[1];
  const python = froms.filter(from => from.getImageName() === 'python');
  const versions = new Set(python.map(from => versionOf(from.getImageTag())));
  if (!final || final.getImageName() !== 'python' || versions.size !== 1)
    return undefined;
  const [version] = versions;
  if (!version || !PYTHON_VERSIONS.includes(version)) return undefined;
  return {
    value: version,
    path: image.path,
    line: final.getRange().start.line + 1,
  };
}
