import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Check, outcome } from './context';
import { lineMatching } from './repositoryFiles';

/** CI configurations of the usual hosted and self-hosted systems. */
export const CI_FILE =
  /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab\/ci\/.+\.ya?ml|\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml|\.azure-pipelines\/.+\.ya?ml|Jenkinsfile|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/.+\.ya?ml|\.buildkite\/.+\.ya?ml)$/;
/** A command running a Python test suite (`make test-docker` included; installing pytest is not running it). */
const TEST_COMMAND =
  /^(?!.*\b(pip|uv pip|poetry|uv|pdm) (install|add)\b)[^#]*(\bpy\.?test\b|\btox\b(?!\.ini)|\bnox\b|\bcoverage run\b|-m unittest\b|\bmake\s+[\w-]*test|\b(just|task|hatch run|pdm run|poe)\s+test)/;
/** `working-directory: backend` of a workflow: where its scripts' relative paths start. */
const WORKING_DIRECTORY =
  /^\s*working-directory:\s*["']?([\w./-]+?)\/?["']?\s*$/;

/** Files a step can name without running them: configuration, data and documents. */
const DATA_FILE =
  /\.(ya?ml|toml|cfg|ini|json|lock|txt|md|rst|csv|xml|env|ts|js)$/i;

/** Repository files a CI line names (`./scripts/test`, `bash scripts/tests-start.sh`), tried from each working directory. */
function scriptsNamed(
  line: string,
  directories: string[],
  files: Map<string, Buffer>,
): string[] {
  const words = line.replace(/#.*$/, '').split(/[\s"'=;&|()]+/);
  return words.flatMap(word => {
    const relative = word.replace(/^\.\//, '');
    // Scripts only: a data file a step reads (`grep … backend/pyproject.toml`) runs nothing.
    if (!relative.includes('/') || DATA_FILE.test(relative)) return [];
    const found = directories
      .map(dir => (dir ? `${dir}/${relative}` : relative))
      .find(path => files.has(path));
    return found ? [found] : [];
  });
}

/** The line of a script (or of a script it runs, one level down) that runs the tests. */
function testLineOfScript(
  path: string,
  files: Map<string, Buffer>,
  depth = 0,
): Evidence | undefined {
  const text = files.get(path)!.toString('utf8');
  const direct = lineMatching(path, text, TEST_COMMAND, 'which runs the tests');
  if (direct || depth > 0) return direct;
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  for (const line of text.split('\n'))
    for (const script of scriptsNamed(line, [parent, dir, ''], files)) {
      const found = testLineOfScript(script, files, depth + 1);
      if (found) return found;
    }
  return undefined;
}

/** Nothing but blank lines and comments (`#`, or `//` in a Jenkinsfile): a file that defines no jobs. */
const definesNothing = (text: string) =>
  text.split('\n').every(line => /^\s*((#|\/\/).*)?$/.test(line));

/** A GitHub Actions step using an action of the repository: `uses: ./.github/actions/test`. */
const LOCAL_ACTION =
  /^\s*(?:-\s+)?uses:\s*["']?\.\/([\w./-]+?)\/?["']?\s*(?:#.*)?$/;

/**
 * The test line of a local composite action a workflow step uses (its `action.yml`'s
 * `run:` lines, or a script they run), with the step that uses it.
 */
function testLineOfLocalAction(
  path: string,
  files: Map<string, Buffer>,
): Evidence[] | undefined {
  const lines = files.get(path)!.toString('utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const directory = LOCAL_ACTION.exec(lines[index])?.[1];
    if (!directory) continue;
    const action = [`${directory}/action.yml`, `${directory}/action.yaml`].find(
      candidate => files.has(candidate),
    );
    if (!action) continue;
    // Step names and descriptions (`name: Test with pytest`) run nothing: blanked, lines kept.
    const text = files
      .get(action)!
      .toString('utf8')
      .split('\n')
      .map(line =>
        /^\s*(?:-\s+)?(?:name|description):/.test(line) ? '' : line,
      )
      .join('\n');
    const runs =
      lineMatching(action, text, TEST_COMMAND, 'which runs the tests') ??
      text
        .split('\n')
        .flatMap(line => scriptsNamed(line, ['', directory], files))
        .map(script => testLineOfScript(script, files))
        .find(found => found !== undefined);
    if (!runs) continue;
    const step: Evidence = {
      path,
      line: index + 1,
      snippet: lines[index].trim(),
      message: `uses ${action}`,
    };
    return [step, runs];
  }
  return undefined;
}

export const ciCheck: Check = ({ files }) => {
  const found = [...files.keys()].filter(path => CI_FILE.test(path)).sort();
  // An empty workflow (0 bytes, or comments only) runs nothing: GitHub reports it invalid.
  const ciFiles = found.filter(
    path => !definesNothing(files.get(path)!.toString('utf8')),
  );
  if (ciFiles.length === 0)
    return found.length
      ? outcome(
          'fail',
          `No CI configuration: ${found.join(', ')} ${
            found.length === 1 ? 'is' : 'are'
          } empty (no jobs).`,
          found
            .slice(0, 5)
            .map(path => ({ path, message: 'empty: defines no jobs' })),
        )
      : outcome(
          'fail',
          'No CI configuration (.github/workflows, .gitlab-ci.yml, CircleCI, Azure Pipelines, Jenkinsfile…).',
        );
  for (const path of ciFiles) {
    const text = files.get(path)!.toString('utf8');
    const direct = lineMatching(path, text, TEST_COMMAND, 'runs the tests');
    if (direct)
      return outcome('pass', `CI runs the tests (${path}).`, [direct]);
  }
  // A step running a script of the repository that runs the tests.
  for (const path of ciFiles) {
    const lines = files.get(path)!.toString('utf8').split('\n');
    const directories = [
      '',
      ...lines.flatMap(line => WORKING_DIRECTORY.exec(line)?.[1] ?? []),
    ];
    for (let index = 0; index < lines.length; index++) {
      for (const script of scriptsNamed(lines[index], directories, files)) {
        const runs = testLineOfScript(script, files);
        if (!runs) continue;
        const step: Evidence = {
          path,
          line: index + 1,
          snippet: lines[index].trim(),
          message: `runs ${script}`,
        };
        return outcome(
          'pass',
          `CI runs the tests through ${script} (${path}).`,
          [step, runs],
        );
      }
    }
  }
  // A step using a composite action of the repository whose steps run the tests.
  for (const path of ciFiles.filter(p => p.startsWith('.github/workflows/'))) {
    const viaAction = testLineOfLocalAction(path, files);
    if (viaAction)
      return outcome(
        'pass',
        `CI runs the tests through the local action ${viaAction[0].message!.replace(
          /^uses /,
          '',
        )} (${path}).`,
        viaAction,
      );
  }
  return outcome(
    'warn',
    `CI exists (${
      ciFiles.length === 1 ? ciFiles[0] : `${ciFiles.length} files`
    }) but no step runs the tests (pytest, tox, nox, make test).`,
    ciFiles.slice(0, 5).map(path => ({ path, message: 'no test step' })),
  );
};
