import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { assignmentsIn, isLiteralValue } from './committedSecrets';

/** Kubernetes manifests and Helm templates. */
const MANIFEST = /\.ya?ml$/i;
/** Test data (a fixture cluster's Secret) is not a deployment's secret. */
const TEST_FOLDER = /(^|\/)(tests?|testing|fixtures?|__fixtures__|testdata)\//i;
const SECRET_KIND = /^kind:\s*["']?Secret["']?\s*(#.*)?$/m;
/** The maps of a Secret holding its values: `data:` (base64) and `stringData:` (plain). */
const VALUES_KEY = /^(data|stringData):\s*(#.*)?$/;

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * Literal values of Kubernetes `Secret` manifests committed to the repository (plain
 * manifests and Helm templates): `data:` values are only base64-encoded, so a committed
 * `POSTGRES_PASSWORD: cGFzc3dvcmQ=` is the password itself. Values a template fills in
 * (`{{ .Values.password | b64enc }}`) or the environment provides (`${…}`) are not
 * literals; SealedSecrets (another kind) are encrypted. One evidence per manifest, at
 * its first literal secret.
 */
export function kubernetesSecretValues(
  files: Map<string, Buffer>,
  isSecretName: (name: string) => boolean,
): Evidence[] {
  const found: Evidence[] = [];
  for (const [path, content] of files) {
    if (!MANIFEST.test(path) || TEST_FOLDER.test(path)) continue;
    const text = content.toString('utf8');
    if (!SECRET_KIND.test(text)) continue;
    const lines = text.split('\n');
    let documentStart = 0;
    for (let index = 0; index <= lines.length; index++) {
      if (index < lines.length && !/^---/.test(lines[index])) continue;
      const secret = literalSecretIn(
        lines.slice(documentStart, index),
        isSecretName,
      );
      if (secret)
        found.push({
          path,
          line: documentStart + secret.line,
          message: `${secret.key} is a literal value of a Kubernetes Secret committed to the repository`,
        });
      documentStart = index + 1;
    }
  }
  return found;
}

/** The first literal secret of one YAML document, when it is a Secret (line 1-based in it). */
function literalSecretIn(
  lines: string[],
  isSecretName: (name: string) => boolean,
): { key: string; line: number } | undefined {
  if (!SECRET_KIND.test(lines.join('\n'))) return undefined;
  for (let index = 0; index < lines.length; index++) {
    if (!VALUES_KEY.test(lines[index])) continue;
    let childIndent: number | undefined;
    for (let child = index + 1; child < lines.length; child++) {
      const line = lines[child];
      if (!line.trim() || line.trimStart().startsWith('#')) continue;
      const indent = indentOf(line);
      if (indent === 0) break;
      childIndent ??= indent;
      if (indent !== childIndent) continue;
      const [assignment] = assignmentsIn(line);
      if (
        assignment &&
        isSecretName(assignment.key) &&
        isLiteralValue(assignment.value) &&
        !assignment.value.includes('{{')
      )
        return { key: assignment.key, line: child + 1 };
    }
  }
  return undefined;
}
