/*
 * Bulk fixes from the org page, in a real browser against the real local portal: two
 * services made from release 0.1.0 lose their Dockerfile's USER; the page's Automatic
 * fixes card lists both under the Dockerfile check, and Open fix changes runs one Fix
 * readiness checks task per service, each ending on its change: a branch of the
 * service's local repository. Screenshots land in e2e/artifacts/.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { gitIn } from './goldenPath';
import { publishRelease } from './releaseService';
import { backendReady, screenshot, signInAsGuest } from './support';

const services = ['fix-fleet-e2e-a', 'fix-fleet-e2e-b'];
const branch = 'golden-path/fix-dockerfile';

test('opens fix changes for every service failing a check from the org page', async ({
  page,
}) => {
  const root = process.env.E2E_LOCAL_ROOT!;
  const heads = new Map<string, string>();
  await backendReady(180_000);

  await test.step('two services whose Dockerfile lost its USER', async () => {
    for (const name of services) {
      await publishRelease({
        root,
        version: '0.1.0',
        input: {
          name,
          description: 'Fixed in bulk from the org page.',
          owner: 'group:default/team-a',
          lifecycle: 'experimental',
        },
      });
      // its Dockerfile runs as root, committed as a team would
      const repo = path.join(root, name);
      const dockerfile = path.join(repo, 'Dockerfile');
      const hardened = fs.readFileSync(dockerfile, 'utf8');
      expect(hardened).toMatch(/^USER /m);
      fs.writeFileSync(dockerfile, hardened.replace(/^USER .*\n/m, ''));
      const git = gitIn(repo);
      git('commit', '-qam', 'Run as root for the storage migration');
      heads.set(name, git('rev-parse', 'HEAD').trim());
    }
    await signInAsGuest(page);
    // each card, once the catalog has the service: Re-check stores the broken HEAD's
    // result (what the org page reads), and the card offers Fix it on the Dockerfile check
    for (const name of services) {
      await expect(async () => {
        await page.goto(`/catalog/default/component/${name}`);
        await page.getByTestId('checklist-score').waitFor({ timeout: 10_000 });
      }).toPass({ timeout: 240_000 });
      const refreshed = page.waitForResponse(
        r =>
          r.url().endsWith(`/Component/${name}/refresh`) &&
          r.request().method() === 'POST',
      );
      // click() waits out the card's re-check countdown, as a user would
      await page.getByRole('button', { name: 'Re-check' }).click();
      expect((await refreshed).status()).toBe(200);
      await expect(
        page
          .getByTestId('check-dockerfile')
          .getByRole('button', { name: 'Fix it' }),
      ).toBeVisible({ timeout: 60_000 });
    }
  });

  await test.step('the org page lists both under the Dockerfile check', async () => {
    const sidebar = page.getByTestId('sidebar-root');
    await sidebar.getByRole('link', { name: 'Readiness', exact: true }).click();
    // the page loads slowly on a busy machine
    await page
      .getByRole('button', { name: /Choose a check/ })
      .click({ timeout: 120_000 });
    await page
      .getByRole('option', { name: /^Dockerfile hardened \(\d+\)$/ })
      .click();
    // every service failing or warning it is selected at first; only these two are fixed
    for (const name of services)
      await expect(
        page.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      ).toBeChecked();
    await page
      .getByRole('checkbox', { name: 'Select every service' })
      .uncheck();
    for (const name of services)
      await page
        .getByRole('checkbox', { name: `Select component:default/${name}` })
        .check();
    await screenshot(page, 'fix-fleet-selected');
  });

  await test.step('Open fix changes ends on a branch for each service', async () => {
    await page.getByRole('button', { name: 'Open fix changes (2)' }).click();
    for (const name of services) {
      const row = page.getByRole('row').filter({
        has: page.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      });
      await expect(row).toContainText(`task finished: branch ${branch}`, {
        timeout: 600_000,
      });
    }
    await expect(page.getByTestId('fix-progress')).toHaveText(
      '2 of 2 fix tasks finished',
    );
    await screenshot(page, 'fix-fleet-finished');
    for (const name of services) {
      const git = gitIn(path.join(root, name));
      expect(git('branch', '--list', branch)).toContain(branch);
      // the branch holds the fix: USER is back in its Dockerfile
      expect(git('show', `${branch}:Dockerfile`)).toMatch(/^USER /m);
      // reviewable, not applied: the service's own branch is where it was
      expect(git('rev-parse', 'HEAD').trim()).toBe(heads.get(name));
    }
  });
});
