import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  Gauge,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CHECKLIST_ANNOTATION,
  EntityChecklist,
  fastapiChecklistRefreshPermission,
  isChecklistEnabled,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { fastapiChecklistApiRef } from '../../api';
import { ChecklistItemRow } from '../ChecklistItemRow';
import { FixAllButton, FixItButton } from './FixItButtons';
import { FixItDialog } from './FixItDialog';
import { LevelSummary } from './LevelSummary';
import { SkippedFiles } from './SkippedFiles';
import { useEvidenceLinker } from './useEvidenceLinker';
import { useRecheckWait } from './useRecheckWait';
import { UpgradeNote } from './UpgradeNote';
import { useTemplateUpdate } from './useTemplateUpdate';
import { useUpgradeChange } from './useUpgradeChange';
import { WaiverNotes } from './WaiverNotes';

/**
 * True when the entity asked for the checklist (for EntitySwitch).
 *
 * @public
 */
export const isFastapiChecklistAvailable = isChecklistEnabled;

/** "82, or 74 without waivers", when waivers change the score. */
function ScoreWithoutWaivers(props: { score: number; without?: number }) {
  if (props.without === undefined || props.without === props.score) return null;
  return (
    <Typography
      variant="body2"
      align="center"
      data-testid="score-without-waivers"
    >
      {props.score}, or {props.without} without waivers
    </Typography>
  );
}

/** The production-readiness checklist of the current entity's repository. */
export function EntityFastapiChecklistCard() {
  const { entity } = useEntity();
  const api = useApi(fastapiChecklistApiRef);
  const linkTo = useEvidenceLinker(entity);
  const { upgrade, error: upgradeError } = useUpgradeChange(entity);
  const { template, version, latest, upgradeUrl } = useTemplateUpdate(
    entity,
    upgrade?.inferredAnswers,
  );
  const entityRef = getCompoundEntityRef(entity);
  const enabled = isChecklistEnabled(entity);
  const { value, loading, error } = useAsync(
    async () => (enabled ? api.getEntityChecklist(entityRef) : undefined),
    [api, entityRef.kind, entityRef.namespace, entityRef.name, enabled],
  );

  // useAsyncFn forgets its value when a call fails; the card keeps showing the last
  // successful re-check next to the error, so that one is remembered here.
  const lastRefreshed = useRef<EntityChecklist>();
  const [recheckState, recheck] = useAsyncFn(async () => {
    lastRefreshed.current = await api.refreshEntityChecklist(entityRef);
    return lastRefreshed.current;
  }, [api, entityRef]);
  const rechecking = recheckState.loading;
  // Re-check is offered only when the permission policy lets the user refresh this entity.
  const { allowed: mayRecheck } = usePermission({
    permission: fastapiChecklistRefreshPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const recheckError = rechecking ? undefined : recheckState.error;
  // The backend refuses a re-check this soon after an evaluation (429): wait it out here.
  const checklistShown = lastRefreshed.current ?? value;
  const recheckWait = useRecheckWait(checklistShown?.refreshAvailableAt);
  // the checks whose fix preview is open (none: closed)
  const [fixing, setFixing] = useState<string[]>([]);

  if (!enabled)
    return <MissingAnnotationEmptyState annotation={CHECKLIST_ANNOTATION} />;
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const checklist = checklistShown!;
  // "Fix it" leads to a change: offered, like Re-check, to those who may refresh
  const fixable = (mayRecheck && checklist.fixable) || [];

  const subheader = [
    `Last evaluated ${new Date(checklist.evaluatedAt).toLocaleString()}`,
    template ? `from ${template}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <InfoCard title="Production readiness">
      {/* Re-check sits in the card's body, not the header's action slot, which clips
          it at the card's edge when the subheader is long */}
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        mb={1}
        style={{ gap: 8 }}
      >
        <Typography variant="body2" color="textSecondary">
          {subheader}
        </Typography>
        {mayRecheck && (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            {recheckWait > 0 && !rechecking && (
              <Typography variant="caption" color="textSecondary">
                Checked moments ago; re-check in {recheckWait} s
              </Typography>
            )}
            <Button
              variant="outlined"
              size="small"
              onClick={() => recheck()}
              disabled={rechecking || recheckWait > 0}
            >
              {rechecking ? 'Checking…' : 'Re-check'}
            </Button>
          </Box>
        )}
      </Box>
      <UpgradeNote
        version={version}
        latest={latest}
        upgradeUrl={upgradeUrl}
        inferred={upgrade?.inferredAnswers}
        change={upgrade?.change}
        changeVersion={upgrade?.latest}
        changeError={upgrade?.changeError ?? upgradeError?.message}
      />
      {recheckError && <ResponseErrorPanel error={recheckError} />}
      {checklist.status === 'error' || !checklist.result ? (
        // expanded: the reason is the one thing the reader needs here
        <WarningPanel
          title="The repository could not be checked"
          message={checklist.error}
          defaultExpanded
        />
      ) : (
        <>
          {checklist.level && <LevelSummary outcome={checklist.level} />}
          {/* flex-start: the score keeps its own height instead of stretching along the list */}
          <Box
            display="flex"
            flexDirection="row"
            flexWrap="wrap"
            alignItems="flex-start"
          >
            <Box width={140} mr={2} data-testid="checklist-score">
              <Gauge
                value={checklist.result.score}
                max={100}
                fractional={false}
                unit=""
                description="score"
              />
              <ScoreWithoutWaivers
                score={checklist.result.score}
                without={checklist.result.scoreWithoutWaivers}
              />
            </Box>
            <Box flex={1} minWidth={240}>
              <FixAllButton checks={fixable} onClick={setFixing} />
              <Box component="ul" p={0} m={0}>
                {checklist.result.items.map(item => (
                  <ChecklistItemRow
                    key={item.id}
                    item={item}
                    linkTo={linkTo}
                    action={
                      fixable.includes(item.id) && (
                        <FixItButton check={item.id} onClick={setFixing} />
                      )
                    }
                  />
                ))}
              </Box>
              <WaiverNotes
                file={checklist.result.waivers}
                notes={checklist.result.waiverNotes ?? []}
                linkTo={linkTo}
              />
              <SkippedFiles diagnostics={checklist.result.diagnostics} />
            </Box>
          </Box>
        </>
      )}
      <FixItDialog
        entity={entity}
        checks={fixing}
        onClose={() => setFixing([])}
      />
    </InfoCard>
  );
}
