import { envSecretsCheck } from '../checks/envSecrets';
import { isDotEnvIgnored } from '../checks/dotEnvIgnored';
import { appendLines } from './textEdits';
import { FileEdit, Fix, FixProposal, refuse } from './types';

/** The check's evidence for an env file committed with real secrets. */
const COMMITTED = / is committed to the repository$/;

export const envSecretsFix: Fix = {
  checkId: 'env-secrets',
  changes:
    "adds `.env` to the service's .gitignore and removes env files committed with secrets (their secrets must be rotated); hard-coded secrets in code are left to the owners",
  propose(service): FixProposal {
    const { files, root } = service;
    const edits: FileEdit[] = [];
    const done: string[] = [];
    const notes: string[] = [];
    const gitignore = root ? `${root}/.gitignore` : '.gitignore';
    if (!isDotEnvIgnored(files, root)) {
      const text = files.get(gitignore)?.toString('utf8') ?? '';
      const edit = appendLines(text, [
        '# Local settings and secrets: never committed.',
        '.env',
      ]);
      edits.push({
        path: gitignore,
        content: text.slice(0, edit.start) + edit.text,
      });
      done.push(`git-ignores .env (${gitignore})`);
    }
    const committed = [
      ...new Set(
        envSecretsCheck(service)
          .evidence.filter(e => COMMITTED.test(e.message ?? ''))
          .map(e => e.path),
      ),
    ];
    for (const path of committed) {
      edits.push({ path, deleted: true });
      notes.push(
        `${path} held secrets and stays in the repository's history: rotate every secret it held.`,
      );
    }
    if (committed.length)
      done.push(`removes ${committed.join(', ')} from the repository`);
    if (!edits.length)
      return refuse(
        '.env is already git-ignored and no env file with secrets is committed; the failing part (hard-coded secrets or no settings class) needs an owner',
      );
    return {
      kind: 'edits',
      edits,
      description: `The repository ${done.join(' and ')}.`,
      notes,
    };
  },
};
