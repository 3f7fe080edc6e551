/*
 * "Fix it" in a real browser against the real local portal: a service made from release
 * 0.1.0 loses its Dockerfile's USER; its card offers Fix it on `dockerfile`, previews the
 * diff, opens the change with the Fix readiness checks template (a branch of its local
 * repository); once the branch is merged, Re-check shows the check passing and the score
 * back where it was. Screenshots land in e2e/artifacts/.
 */
import type { EntityChecklist } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { gitIn, localRepository } from './goldenPath';
import { publishRelease } from './releaseService';
import { backendReady, recheck, screenshot, signInAsGuest } from './support';

const serviceName = 'fix-it-e2e';
const branch = 'golden-path/fix-dockerfile';

const statusOf = (checklist: EntityChecklist, id: string) =>
  checklist.result!.items.find(item => item.id === id)!.status;

test('fixes a Dockerfile that lost its USER from the card', async ({
  page,
}) => {
  const repo = localRepository(serviceName);
  const git = gitIn(repo);
  let before: EntityChecklist;
  await backendReady(180_000);

  await test.step('a service whose checklist is read, then its USER removed', async () => {
    await publishRelease({
      root: process.env.E2E_LOCAL_ROOT!,
      version: '0.1.0',
      input: {
        name: serviceName,
        description: 'Fixed from its card.',
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
      },
    });
    await signInAsGuest(page);
    // the local catalog finds the new repository on its next scan
    await expect(async () => {
      await page.goto(`/catalog/default/component/${serviceName}`);
      await page.getByTestId('checklist-score').waitFor({ timeout: 10_000 });
    }).toPass({ timeout: 180_000 });
    before = await recheck(page, serviceName);
    expect(statusOf(before, 'dockerfile')).toBe('pass');

    const dockerfile = path.join(repo, 'Dockerfile');
    const hardened = fs.readFileSync(dockerfile, 'utf8');
    expect(hardened).toMatch(/^USER /m);
    fs.writeFileSync(dockerfile, hardened.replace(/^USER .*\n/m, ''));
    git('commit', '-qam', 'Run as root for the storage migration');
    const broken = await recheck(page, serviceName);
    expect(statusOf(broken, 'dockerfile')).not.toBe('pass');
    expect(broken.result!.score).toBeLessThan(before.result!.score);
  });

  await test.step('Fix it previews the change and opens it', async () => {
    const row = page.getByTestId('check-dockerfile');
    await row.getByRole('button', { name: 'Fix it' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fix-diff-Dockerfile')).toContainText(
      '+USER ',
      { timeout: 120_000 },
    );
    await expect(
      dialog.getByRole('list', { name: 'Checks expected to change' }),
    ).toContainText('dockerfile');
    await screenshot(page, 'fix-it-preview');
    const head = git('rev-parse', 'HEAD').trim();
    // a link styled as a button (core-components' LinkButton)
    await dialog.getByText('Open the change', { exact: true }).click();
    await page.waitForURL(/fastapi-service-fix/);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/create\/tasks\//);
    await expect(page.getByText(branch).first()).toBeVisible({
      timeout: 300_000,
    });
    await screenshot(page, 'fix-it-task');
    // reviewable, not applied: the service's own branch is where it was
    expect(git('rev-parse', 'HEAD').trim()).toBe(head);
  });

  await test.step('merged, Re-check shows the check passing again', async () => {
    git('merge', '-q', '--no-edit', branch);
    expect(fs.readFileSync(path.join(repo, 'Dockerfile'), 'utf8')).toMatch(
      /^USER /m,
    );
    await page.goto(`/catalog/default/component/${serviceName}`);
    const after = await recheck(page, serviceName);
    expect(statusOf(after, 'dockerfile')).toBe('pass');
    expect(after.result!.score).toBe(before.result!.score);
    await expect(page.getByTestId('checklist-score')).toContainText(
      `${before.result!.score}`,
    );
    await screenshot(page, 'fix-it-merged');
  });
});
