import {
  parseUpgradeRecord,
  UpgradeChange,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Octokit } from '@octokit/rest';
import {
  MAX_CONFLICT_FILE_BYTES,
  unresolvedConflicts,
} from './unresolvedConflicts';

/** Pull requests of the head branch read (newest first): a re-opened upgrade is the newest. */
const PULL_REQUESTS_READ = 5;

/** A file of the pull request's head: undefined when absent, null when too large. */
async function readFileAt(
  octokit: Octokit,
  repository: { owner: string; repo: string },
  ref: string,
  path: string,
) {
  try {
    const { data } = await octokit.repos.getContent({
      ...repository,
      path,
      ref,
    });
    if (Array.isArray(data) || data.type !== 'file') return undefined;
    if (data.size > MAX_CONFLICT_FILE_BYTES || !('content' in data))
      return null;
    return Buffer.from(data.content, 'base64');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * The upgrade change of a GitHub repository: the newest pull request from the head branch
 * `golden-path/upgrade-<version>`. Merged, closed, or open; `conflicts` when GitHub says
 * it conflicts with its base (mergeable_state `dirty`) or conflicts its upgrade record
 * (in its description) lists are unresolved. Undefined without such a pull request.
 */
export async function findGithubUpgradeChange(options: {
  octokit: Octokit;
  owner: string;
  repo: string;
  branch: string;
}): Promise<UpgradeChange | undefined> {
  const { octokit, owner, repo, branch } = options;
  const { data: pulls } = await octokit.pulls.list({
    owner,
    repo,
    head: `${owner}:${branch}`,
    state: 'all',
    sort: 'created',
    direction: 'desc',
    per_page: PULL_REQUESTS_READ,
  });
  const [newest] = pulls;
  if (!newest) return undefined;
  const change = {
    target: 'github' as const,
    branch,
    url: newest.html_url,
    number: newest.number,
  };
  if (newest.merged_at) return { ...change, state: 'merged', conflicts: [] };
  if (newest.state === 'closed')
    return { ...change, state: 'closed', conflicts: [] };
  // The list leaves out mergeability and the commit count.
  const { data: pull } = await octokit.pulls.get({
    owner,
    repo,
    pull_number: newest.number,
  });
  const record = parseUpgradeRecord(pull.body ?? '');
  const conflicts = record
    ? await unresolvedConflicts({
        record,
        laterCommits: pull.commits > 1,
        readFile: path =>
          readFileAt(octokit, { owner, repo }, pull.head.sha, path),
      })
    : [];
  const state =
    conflicts.length || pull.mergeable_state === 'dirty' ? 'conflicts' : 'open';
  return { ...change, state, conflicts };
}
