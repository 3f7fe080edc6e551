import {
  CheckId,
  CheckResult,
  ChecklistOptions,
  CheckStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { analyzeRepository } from '../analyze';
import { DEFAULT_ANALYSIS_LIMITS } from '../limits';
import { getPythonParser, parsePython } from '../python/parser';
import { parseFiles } from '../python/parseFiles';
import { discoverServices } from '../serviceRoots';
import type { SourceTree } from '../tree/sourceTree';
import { FIXES } from './registry';
import type { FileEdit } from './types';

/** A fix that was applied: what it changed and the verdicts it changed. */
export type AppliedFix = {
  checkId: CheckId;
  description: string;
  notes: string[];
  /** The files it changed (a later fix may change them again). */
  paths: string[];
  before: CheckStatus;
  after: CheckStatus;
};

export type FixRefusal = { checkId: string; reason: string };

export type FixReport = {
  /** The repository's changed files, as they are after every applied fix. */
  files: FileEdit[];
  applied: AppliedFix[];
  refusals: FixRefusal[];
};

/** Best first: a verdict got worse when its rank dropped. */
const RANK: Record<CheckStatus, number> = {
  pass: 3,
  waived: 3,
  'not-applicable': 3,
  warn: 2,
  fail: 1,
  error: 0,
};

const statusOf = (items: CheckResult[], id: string) =>
  items.find(item => item.id === id)?.status;

function withEdits(tree: SourceTree, edits: FileEdit[]): SourceTree {
  const files = new Map(tree.files);
  for (const edit of edits) {
    if ('deleted' in edit) files.delete(edit.path);
    else files.set(edit.path, Buffer.from(edit.content, 'utf8'));
  }
  return { files, skipped: tree.skipped };
}

/**
 * Applies the automatic fixes of `checkIds` to a repository tree, one after the other,
 * and proves each by re-running the checklist on the result: a fix is kept only when its
 * check then passes, no other check's verdict got worse, and every Python file it wrote
 * parses without error. Otherwise (and when a fix does not recognise the code, or the
 * check already passes) the check is refused with the reason. Nothing is written: the
 * report lists the changed files' new content.
 */
export async function fixRepository(
  tree: SourceTree,
  checkIds: readonly string[],
  options: ChecklistOptions = {},
): Promise<FixReport> {
  const parser = await getPythonParser();
  const refusals: FixRefusal[] = [];
  const applied: AppliedFix[] = [];
  const unknown = checkIds.filter(id => !FIXES.some(f => f.checkId === id));
  for (const id of unknown)
    refusals.push({
      checkId: id,
      reason: 'no automatic fix exists for this check',
    });

  let current = tree;
  let result = await analyzeRepository(current, options);
  for (const fix of FIXES.filter(f => checkIds.includes(f.checkId))) {
    const before = statusOf(result.items, fix.checkId);
    if (!before || RANK[before] === RANK.pass) {
      refusals.push({
        checkId: fix.checkId,
        reason: before
          ? `the check is already ${before}`
          : 'the check is disabled in this configuration',
      });
      continue;
    }
    const services = discoverServices(
      current,
      parseFiles(parser, current, [], DEFAULT_ANALYSIS_LIMITS.parseTimeoutMs),
    );
    if (services.length !== 1) {
      refusals.push({
        checkId: fix.checkId,
        reason: services.length
          ? `the repository holds ${services.length} services (${services
              .map(s => s.root || '(root)')
              .join(', ')}); fixes change one service at a time`
          : 'no FastAPI service found',
      });
      continue;
    }
    const proposal = fix.propose(services[0]);
    if (proposal.kind === 'refused') {
      refusals.push({ checkId: fix.checkId, reason: proposal.reason });
      continue;
    }
    const broken = proposal.edits.find(
      edit =>
        !('deleted' in edit) &&
        edit.path.endsWith('.py') &&
        parsePython(parser, edit.content).hasError,
    );
    if (broken) {
      refusals.push({
        checkId: fix.checkId,
        reason: `the fix would leave ${broken.path} with a syntax error`,
      });
      continue;
    }
    const next = withEdits(current, proposal.edits);
    const after = await analyzeRepository(next, options);
    const after_ = statusOf(after.items, fix.checkId)!;
    const worse = result.items.filter(item => {
      const now = statusOf(after.items, item.id);
      return now !== undefined && RANK[now] < RANK[item.status];
    });
    if (RANK[after_] !== RANK.pass || worse.length) {
      refusals.push({
        checkId: fix.checkId,
        reason:
          RANK[after_] !== RANK.pass
            ? `after the fix the check would still be ${after_}: ${statusSummary(
                after.items,
                fix.checkId,
              )}`
            : `the fix would make ${worse.map(w => w.id).join(', ')} worse`,
      });
      continue;
    }
    applied.push({
      checkId: fix.checkId,
      description: proposal.description,
      notes: proposal.notes ?? [],
      paths: proposal.edits.map(edit => edit.path),
      before,
      after: after_,
    });
    current = next;
    result = after;
  }
  return { files: changedFiles(tree, current), applied, refusals };
}

function statusSummary(items: CheckResult[], id: string): string {
  return items.find(item => item.id === id)?.summary ?? '';
}

/** The files whose content differs between two trees (deleted ones included). */
function changedFiles(from: SourceTree, to: SourceTree): FileEdit[] {
  const edits: FileEdit[] = [];
  for (const [path, content] of to.files) {
    const old = from.files.get(path);
    if (!old || !old.equals(content))
      edits.push({ path, content: content.toString('utf8') });
  }
  for (const path of from.files.keys())
    if (!to.files.has(path)) edits.push({ path, deleted: true });
  return edits.sort((a, b) => a.path.localeCompare(b.path));
}
