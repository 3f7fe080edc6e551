import { Link } from '@backstage/core-components';
import {
  InferredAnswers,
  UPGRADE_FORM_ANSWERS,
  UpgradeChange,
  UpgradeChangeState,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Typography } from '@material-ui/core';

const STATE_TEXT: Record<UpgradeChangeState, string> = {
  open: 'open for review',
  conflicts: 'open, with conflicts to resolve',
  merged: 'merged',
  closed: 'closed without merging',
};

/** Where the change is: the pull request, or the branch of the local repository. */
function ChangeLink(props: { change: UpgradeChange }) {
  const { change } = props;
  if (change.target === 'github') {
    return change.url ? (
      <Link to={change.url}>
        Pull request{change.number ? ` #${change.number}` : ''}
      </Link>
    ) : (
      <>Pull request from {change.branch}</>
    );
  }
  return (
    <>
      Branch <code>{change.branch}</code> of the local repository{' '}
      {change.url ? (
        <Link to={change.url}>{change.repository}</Link>
      ) : (
        change.repository
      )}
    </>
  );
}

/** "database postgresql (app/config.py:30)": the answers the upgrade form opens with. */
function InferredNote(props: { inferred: InferredAnswers }) {
  const answers = UPGRADE_FORM_ANSWERS.flatMap(key => {
    const answer = props.inferred[key];
    return answer ? [{ key, ...answer }] : [];
  });
  if (answers.length === 0) return null;
  return (
    <Typography variant="caption" component="p" data-testid="inferred-answers">
      The form opens with the answers read from the repository:{' '}
      {answers
        .map(
          ({ key, value, path, line }) =>
            `${key} ${JSON.stringify(value)} (${path}:${line})`,
        )
        .join(', ')}
      .
    </Typography>
  );
}

/**
 * The card's golden-path upgrade line: the change and its state once it exists, the
 * offer to upgrade while a newer version is available and there is none (or it was
 * closed), and why the change could not be looked up.
 */
export function UpgradeNote(props: {
  version?: string;
  latest?: string;
  upgradeUrl?: string;
  /** Answers read from the repository that the upgrade form opens with. */
  inferred?: InferredAnswers;
  /** The version the change upgrades to (the template's, as the backend read it). */
  changeVersion?: string;
  change?: UpgradeChange;
  changeError?: string;
}) {
  const {
    version,
    latest,
    upgradeUrl,
    inferred,
    change,
    changeVersion,
    changeError,
  } = props;
  const offer = latest && (!change || change.state === 'closed');
  return (
    <>
      {changeError && latest && (
        <Typography variant="caption" color="error" role="note">
          The upgrade change could not be read: {changeError}
        </Typography>
      )}
      {change && (
        <Typography
          variant="body2"
          role="note"
          data-testid="upgrade-change"
          color={change.state === 'conflicts' ? 'error' : 'initial'}
        >
          Upgrade to the golden path {changeVersion ?? latest}:{' '}
          {STATE_TEXT[change.state]}. <ChangeLink change={change} />
          {change.conflicts.length > 0 &&
            `. Conflicts in ${change.conflicts.join(', ')}`}
        </Typography>
      )}
      {offer && (
        <>
          <Typography variant="body2" role="note">
            Golden path {version} → {latest} available.{' '}
            {upgradeUrl ? (
              <Link to={upgradeUrl}>Upgrade as a reviewable change</Link>
            ) : (
              'Compare your repository with the new template.'
            )}
          </Typography>
          {upgradeUrl && inferred && <InferredNote inferred={inferred} />}
        </>
      )}
    </>
  );
}
