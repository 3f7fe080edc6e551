import type { InferredAnswers } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Diagnostic } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { AnalysisLimits, DEFAULT_ANALYSIS_LIMITS } from '../limits';
import { parseFiles } from '../python/parseFiles';
import { getPythonParser } from '../python/parser';
import { discoverServices } from '../serviceRoots';
import type { SourceTree } from '../tree/sourceTree';
import { catalogAnswers } from './catalogAnswers';
import { codeAnswers } from './codeAnswers';

/**
 * The golden-path template's answers as a service repository states them, for a service
 * created before its answers were recorded (the upgrade form is pre-filled with them).
 * Files are read, never executed: catalog-info.yaml as YAML data, the Python code through
 * the analyzer's model of it, the Dockerfile with dockerfile-ast. Every value names the
 * file and line it was read from; what the repository does not state unambiguously is
 * left out. The code is read only when it is one FastAPI service at the repository's
 * root with every Python file parsed (an unread file could hold what decides a field).
 *
 * @public
 */
export async function inferTemplateAnswers(
  tree: SourceTree,
  limits: Pick<AnalysisLimits, 'parseTimeoutMs'> = DEFAULT_ANALYSIS_LIMITS,
): Promise<InferredAnswers> {
  const answers: InferredAnswers = catalogAnswers(tree.files);
  const diagnostics: Diagnostic[] = [];
  const parser = await getPythonParser();
  const parsed = parseFiles(parser, tree, diagnostics, limits.parseTimeoutMs);
  const unread = [...tree.skipped, ...diagnostics].some(d =>
    d.path.endsWith('.py'),
  );
  const services = discoverServices(tree, parsed);
  if (unread || services.length !== 1 || services[0].root !== '')
    return answers;
  return { ...answers, ...codeAnswers(services[0]) };
}
