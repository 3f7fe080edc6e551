/*
 * The fleet's upgrade, in a real browser against the real local portal: the org page
 * counts a service made from release 0.1.0 as behind, its bulk action opens the service's
 * upgrade change (a scaffolder task per selected service, followed to its end), the
 * card then reads the fleet again and shows the change on the service's row, and the
 * service's card shows it too — open, then merged once the branch is merged. Screenshots
 * land in e2e/artifacts/.
 */
import { expect, test } from '@playwright/test';
import {
  gitIn,
  localRepository,
  templateVersion,
  upgradeBranch,
  upgradeFormDefaults,
} from './goldenPath';
import { publishRelease } from './releaseService';
import { backendReady, screenshot, signInAsGuest } from './support';

const serviceName = 'fleet-e2e';
const entityRef = `component:default/${serviceName}`;

test('opens upgrade changes from the org page and shows them on the card', async ({
  page,
}) => {
  const repo = localRepository(serviceName);
  const git = gitIn(repo);
  await backendReady(180_000);

  await test.step('a service made from 0.1.0 is behind on the org page', async () => {
    // the upgrade form's defaults: the bulk action submits them
    await publishRelease({
      root: process.env.E2E_LOCAL_ROOT!,
      version: '0.1.0',
      input: {
        name: serviceName,
        description: 'Made from 0.1.0, upgraded from the org page.',
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        ...upgradeFormDefaults,
      },
    });
    await signInAsGuest(page);
    // the local catalog finds the new repository on its next scan; the page is opened
    // again in the app (a reload takes tens of seconds on a busy machine)
    const sidebar = page.getByTestId('sidebar-root');
    await expect(async () => {
      await sidebar.getByRole('link', { name: 'Catalog', exact: true }).click();
      await sidebar
        .getByRole('link', { name: 'Readiness', exact: true })
        .click();
      await page
        .getByRole('button', { name: 'Show the services and their upgrades' })
        .click({ timeout: 30_000 });
      await page
        .getByRole('checkbox', { name: `Select ${entityRef}` })
        .waitFor({ timeout: 10_000 });
    }).toPass({ timeout: 240_000 });
    await expect(page.getByTestId('fleet-version-0.1.0')).toBeVisible();
    await expect(page.getByTestId('fleet-behind')).toContainText(
      'Behind the template:',
    );
  });

  await test.step('Open upgrade changes follows its task to the change it made', async () => {
    const openChanges = page.getByTestId('fleet-open-changes');
    const countOf = async () =>
      Number((await openChanges.textContent())?.match(/(\d+)$/)?.[1]);
    const before = await countOf();
    const row = page.getByRole('row').filter({
      has: page.getByRole('checkbox', { name: `Select ${entityRef}` }),
    });
    // no change yet: the backend's lookup of it is cached for a minute from here
    await expect(row.getByRole('link', { name: /^open/ })).toHaveCount(0);
    await page.getByRole('checkbox', { name: `Select ${entityRef}` }).check();
    await page
      .getByRole('button', { name: 'Open upgrade changes (1)' })
      .click();
    // the task, followed to its end: the branch it committed (the template's output)
    await expect(row.getByRole('link', { name: 'task finished' })).toBeVisible({
      timeout: 300_000,
    });
    await expect(row).toContainText(`task finished: branch ${upgradeBranch}`);
    await expect(page.getByTestId('bulk-progress')).toHaveText(
      '1 of 1 upgrade tasks finished',
    );
    // it committed the branch in the service's local repository before it ended
    expect(git('branch', '--list', upgradeBranch)).toContain(upgradeBranch);
    // the fleet read again once it ended: the row shows the change open, linked to the
    // repository's view, and one more service has an open change
    const change = row.getByRole('link', { name: /^open/ });
    await expect(change).toBeVisible({ timeout: 60_000 });
    await expect(change).toHaveAttribute(
      'href',
      new RegExp(`/api/fastapi-checklist/local/${serviceName}/$`),
    );
    await expect(openChanges).toHaveText(
      `With an open upgrade change: ${before + 1}`,
    );
    await expect(page.getByTestId('bulk-run-lock')).toHaveCount(0);
    await screenshot(page, 'fleet-upgrade-finished');
  });

  await test.step('the card shows the change open, then merged', async () => {
    // change states are cached for a minute: reload until the branch shows
    await expect(async () => {
      await page.goto(`/catalog/default/component/${serviceName}`);
      await expect(page.getByTestId('upgrade-change')).toContainText(
        `Upgrade to the golden path ${templateVersion}: open for review. Branch ${upgradeBranch} of the local repository ${serviceName}`,
        { timeout: 30_000 },
      );
    }).toPass({ timeout: 240_000 });
    await screenshot(page, 'card-upgrade-open');

    git('merge', '-q', '--no-edit', upgradeBranch);
    await expect(async () => {
      await page.goto(`/catalog/default/component/${serviceName}`);
      await expect(page.getByTestId('upgrade-change')).toContainText(
        `Upgrade to the golden path ${templateVersion}: merged.`,
        { timeout: 30_000 },
      );
    }).toPass({ timeout: 240_000 });
    await screenshot(page, 'card-upgrade-merged');
  });
});
