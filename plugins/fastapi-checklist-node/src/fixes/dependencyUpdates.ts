import { FixProposal, Fix, refuse } from './types';

const DEPENDABOT = ['.github/dependabot.yml', '.github/dependabot.yaml'];
const RENOVATE =
  /^(renovate\.json5?|\.renovaterc(\.json5?)?|\.(github|gitlab)\/renovate\.json5?)$/;

/** One weekly update entry, minor and patch updates grouped into one pull request. */
function entry(ecosystem: string, directory: string, group: string): string[] {
  return [
    `  - package-ecosystem: ${ecosystem}`,
    `    directory: ${JSON.stringify(directory)}`,
    '    schedule:',
    '      interval: weekly',
    '    groups:',
    `      ${group}:`,
    '        update-types: [minor, patch]',
  ];
}

/**
 * Dependabot for a repository with no update bot: its Python dependencies (uv when it
 * locks with uv.lock, pip otherwise: Dependabot's pip reads requirements files,
 * pip-compile, Pipenv and Poetry), its Dockerfiles' base images and its GitHub Actions
 * when it has them.
 */
export const dependencyUpdatesFix: Fix = {
  checkId: 'dependency-updates',
  changes:
    'adds .github/dependabot.yml: weekly grouped updates for the Python dependencies (pip, or uv with uv.lock), the Docker base images when a Dockerfile exists and the GitHub Actions when workflows exist',
  propose({ files, root }): FixProposal {
    const existing = DEPENDABOT.find(path => files.has(path));
    if (existing)
      return refuse(
        `${existing} exists; add a pip entry to it (the fix does not rewrite an existing configuration)`,
      );
    const renovate = [...files.keys()].find(path => RENOVATE.test(path));
    if (renovate)
      return refuse(
        `Renovate is configured (${renovate}); enable its Python managers there`,
      );
    const directory = `/${root}`;
    const at = (file: string) => (root ? `${root}/${file}` : file);
    const python = files.has(at('uv.lock')) ? 'uv' : 'pip';
    const lines = [
      '# Dependency updates as weekly pull requests (minor and patch grouped).',
      'version: 2',
      'updates:',
      ...entry(python, directory, 'python'),
    ];
    // Dependabot's docker ecosystem reads the Dockerfile in `directory`.
    const docker = files.has(at('Dockerfile'));
    if (docker) lines.push(...entry('docker', directory, 'docker'));
    const workflows = [...files.keys()].some(path =>
      /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path),
    );
    if (workflows) lines.push(...entry('github-actions', '/', 'actions'));
    const covered = [
      `the Python dependencies (${python})`,
      ...(docker ? ['the Dockerfile’s base images'] : []),
      ...(workflows ? ['the GitHub Actions'] : []),
    ];
    return {
      kind: 'edits',
      edits: [
        {
          path: '.github/dependabot.yml',
          content: lines.map(line => `${line}\n`).join(''),
        },
      ],
      description: `Adds .github/dependabot.yml: Dependabot opens weekly pull requests updating ${covered.join(
        ', ',
      )}, minor and patch updates grouped.`,
    };
  },
};
