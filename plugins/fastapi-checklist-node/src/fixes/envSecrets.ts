import { assignmentsIn } from '../checks/committedSecrets';
import { envSecretsCheck } from '../checks/envSecrets';
import { isDotEnvIgnored } from '../checks/dotEnvIgnored';
import { moveLiteralSecrets } from './secrets/moveLiteralSecrets';
import { appendLines, applyTextEdits } from './textEdits';
import { FileEdit, Fix, FixProposal, refuse } from './types';

/** The check's evidence for an env file committed with real secrets. */
const COMMITTED = / is committed to the repository$/;
/** The check's evidence for a secret literal in code (assigned or passed). */
const IN_CODE =
  /^\w+( is a hard-coded secret|= is passed a hard-coded secret)$/;

export const envSecretsFix: Fix = {
  checkId: 'env-secrets',
  changes:
    "adds `.env` to the service's .gitignore, removes env files committed with secrets, and moves secret literals in code to required fields of the service's settings class (each secret must be rotated)",
  propose(service): FixProposal {
    const { files, root } = service;
    const edits: FileEdit[] = [];
    const done: string[] = [];
    const notes: string[] = [];
    const prefix = root ? `${root}/` : '';
    const gitignore = `${prefix}.gitignore`;
    const outcome = envSecretsCheck(service);
    const { evidence } = outcome;

    const inCode = evidence.filter(e => IN_CODE.test(e.message ?? ''));
    if (inCode.length) {
      const moves = moveLiteralSecrets(service, inCode);
      if ('refused' in moves) return refuse(moves.refused);
      try {
        for (const [path, textEdits] of moves.edits)
          edits.push({
            path,
            content: applyTextEdits(
              files.get(path)!.toString('utf8'),
              textEdits,
            ),
          });
      } catch {
        return refuse(
          'the secrets sit too close together for separate edits (one statement holds several)',
        );
      }
      const variables = [...new Set(moves.moved.map(m => m.environment))];
      const example = `${prefix}.env.example`;
      const exampleText = files.get(example)?.toString('utf8');
      if (exampleText !== undefined) {
        const listed = new Set(assignmentsIn(exampleText).map(a => a.key));
        const missing = variables.filter(v => !listed.has(v));
        if (missing.length) {
          const edit = appendLines(
            exampleText,
            missing.map(v => `${v}=`),
          );
          edits.push({
            path: example,
            content: exampleText.slice(0, edit.start) + edit.text,
          });
        }
      }
      done.push(
        `moves ${moves.moved
          .map(
            m =>
              `the secret at ${m.at} to ${m.settingsClass}.${m.field} (environment variable ${m.environment}, no default)`,
          )
          .join(', ')}${
          moves.settingsPath
            ? `, adding the missing fields to ${moves.settingsPath}`
            : ''
        }${exampleText !== undefined ? ` and listing them in ${example}` : ''}`,
      );
      for (const variable of variables) {
        const at = moves.moved
          .filter(m => m.environment === variable)
          .map(m => m.at)
          .join(', ');
        notes.push(
          `The secret committed at ${at} stays in the repository's history: rotate it, then set ${variable} wherever the service runs (its tests included); the settings no longer load without it.`,
        );
      }
    }

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
        evidence.filter(e => COMMITTED.test(e.message ?? '')).map(e => e.path),
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
    if (!edits.length) {
      // What is left: no settings read from the environment, or the check's warnings.
      const left = [
        ...new Set(evidence.flatMap(e => (e.message ? [e.message] : []))),
      ].filter(m => m !== 'settings class' && m !== 'reads the environment');
      return refuse(
        `.env is already git-ignored, no env file with secrets is committed and no secret literal is in the code; what the check reports (${
          left.length ? left.slice(0, 3).join('; ') : outcome.summary
        }) needs an owner`,
      );
    }
    return {
      kind: 'edits',
      edits,
      description: `The repository ${done.join(' and ')}.`,
      notes,
    };
  },
};
