import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Check, outcome } from './context';
import { lineMatching } from './repositoryFiles';

/** CI configurations of the usual hosted and self-hosted systems. */
const CI_FILE =
  /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab\/ci\/.+\.ya?ml|\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml|\.azure-pipelines\/.+\.ya?ml|Jenkinsfile|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/.+\.ya?ml|\.buildkite\/.+\.ya?ml)$/;
/** A command running a Python test suite. */
const TEST_COMMAND =
  /^[^#]*(\bpy\.?test\b|\btox\b(?!\.ini)|\bnox\b|\bcoverage run\b|-m unittest\b|\bmake\s+(test|tests|check)\b|\b(just|task|hatch run|pdm run|poe)\s+test)/;
/** A repository script the CI runs (`./scripts/test.sh`, `bash scripts/tests.sh`). */
const SCRIPT = /(?:^|[\s"'=])\.?\/?([\w./-]*\.sh)\b/;

export const ciCheck: Check = ({ files }) => {
  const ciFiles = [...files.keys()].filter(path => CI_FILE.test(path)).sort();
  if (ciFiles.length === 0)
    return outcome(
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
    for (let index = 0; index < lines.length; index++) {
      const script = SCRIPT.exec(lines[index].replace(/#.*$/, ''))?.[1];
      const content =
        script && files.get(script.replace(/^\.\//, ''))?.toString('utf8');
      if (
        !content ||
        !TEST_COMMAND.test(
          content.split('\n').find(l => TEST_COMMAND.test(l)) ?? '',
        )
      )
        continue;
      const evidence: Evidence[] = [
        {
          path,
          line: index + 1,
          snippet: lines[index].trim(),
          message: `runs ${script}`,
        },
        lineMatching(
          script!.replace(/^\.\//, ''),
          content,
          TEST_COMMAND,
          'which runs the tests',
        )!,
      ];
      return outcome(
        'pass',
        `CI runs the tests through ${script} (${path}).`,
        evidence,
      );
    }
  }
  return outcome(
    'warn',
    `CI exists (${
      ciFiles.length === 1 ? ciFiles[0] : `${ciFiles.length} files`
    }) but no step runs the tests (pytest, tox, nox, make test).`,
    ciFiles.slice(0, 5).map(path => ({ path, message: 'no test step' })),
  );
};
