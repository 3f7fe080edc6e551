import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Check, outcome } from './context';
import { lineMatching } from './repositoryFiles';

const DEPENDABOT = ['.github/dependabot.yml', '.github/dependabot.yaml'];
/** Dependabot's ecosystems for Python dependencies ("pip" covers pip-compile, Pipenv and Poetry too). */
const PYTHON_ECOSYSTEM =
  /^\s*-?\s*package-ecosystem:\s*["']?(pip|uv|pipenv|poetry)["']?\s*(#.*)?$/;
const RENOVATE = [
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
];
/** Renovate's Python managers, for a configuration that restricts enabledManagers. */
const PYTHON_MANAGERS =
  /pip_requirements|pip-compile|pip_setup|pipenv|poetry|pep621|pep723|setup-cfg/;

export const dependencyUpdatesCheck: Check = ({ files }) => {
  const text = (path: string) => files.get(path)?.toString('utf8');
  for (const path of DEPENDABOT) {
    const content = text(path);
    if (content === undefined) continue;
    const python = lineMatching(
      path,
      content,
      PYTHON_ECOSYSTEM,
      'Python ecosystem',
    );
    if (python)
      return outcome(
        'pass',
        `Dependabot updates the Python dependencies (${path}).`,
        [python],
      );
    const any = lineMatching(
      path,
      content,
      /package-ecosystem:/,
      'no Python ecosystem',
    );
    return outcome(
      'warn',
      `Dependabot is configured (${path}) but not for Python (no pip/uv ecosystem entry).`,
      [any ?? { path, message: 'no update entries' }],
    );
  }
  const renovate: Evidence[] = [];
  for (const path of RENOVATE) {
    const content = text(path);
    if (content === undefined) continue;
    if (/enabledManagers/.test(content) && !PYTHON_MANAGERS.test(content))
      return outcome(
        'warn',
        `Renovate is configured (${path}) but its enabledManagers leave out every Python manager.`,
        [
          lineMatching(
            path,
            content,
            /enabledManagers/,
            'no Python manager',
          ) ?? { path },
        ],
      );
    renovate.push({ path, line: 1, message: 'Renovate configuration' });
  }
  const packageJson = text('package.json');
  if (packageJson !== undefined) {
    const inPackage = lineMatching(
      'package.json',
      packageJson,
      /^\s*"renovate"\s*:/,
      'Renovate configuration',
    );
    if (inPackage) renovate.push(inPackage);
  }
  if (renovate.length)
    return outcome(
      'pass',
      `Renovate updates the dependencies (${renovate[0].path}).`,
      renovate,
    );
  return outcome(
    'fail',
    'No automated dependency updates: no .github/dependabot.yml and no Renovate configuration.',
  );
};
