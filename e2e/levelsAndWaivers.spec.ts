/*
 * Levels and waivers in a real browser against the real local portal: create a service,
 * read its level on the card, then the developer runs the image as root and commits a
 * waiver for it in .golden-path/waivers.yaml (and an incomplete one); after Re-check the
 * card shows the check as waived with its reason, approver and expiry, the score both
 * ways and the incomplete waiver as a problem; the org page counts the waiver and filters
 * by level. Screenshots land in e2e/artifacts/.
 */
import type { EntityChecklist } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { expect, test } from '@playwright/test';
import { gitIn, localRepository } from './goldenPath';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  backendReady,
  openFastapiTemplate,
  recheck,
  screenshot,
  signInAsGuest,
} from './support';

const serviceName = 'waivers-e2e';
const REASON = 'The legacy volume needs root until the storage migration';
// a year from now: a waiver with an expiry the reader can check
const expires = new Date(Date.now() + 365 * 86_400_000)
  .toISOString()
  .slice(0, 10);

test('shows the level, and a committed waiver as waived after Re-check', async ({
  page,
}) => {
  let level: string | null = null;
  await backendReady(180_000);

  await test.step('creates a service', async () => {
    await signInAsGuest(page);
    await openFastapiTemplate(page);
    await page.locator('#root_name').fill(serviceName);
    await page.locator('#root_description').fill('Levels and waivers.');
    await page.locator('#root_owner').click();
    await page.getByRole('option', { name: 'Team A' }).click();
    await page.locator('#root_system').click();
    await page.getByRole('option', { name: 'ordering' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#root_resource').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Where to publish').first().waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/create\/tasks\//);
    await page
      .getByRole('link', { name: 'Open in catalog' })
      .first()
      .waitFor({ timeout: 240_000 });
  });

  await test.step('shows the level on the card', async () => {
    const loaded = page.waitForResponse(
      r =>
        r.url().endsWith(`/Component/${serviceName}`) &&
        r.request().method() === 'GET',
      { timeout: 120_000 },
    );
    await page.getByRole('link', { name: 'Open in catalog' }).first().click();
    const checklist: EntityChecklist = await (await loaded).json();
    expect(checklist.level, 'the checklist names its level').toBeDefined();
    level = checklist.level!.level;
    // The form's defaults (SQLite, JWT) pass every check: born Gold.
    expect(level, 'a new service is born Gold').toBe('Gold');
    await expect(page.getByTestId('checklist-level')).toHaveText(
      `Level: ${level ?? 'none yet'}`,
      { timeout: 60_000 },
    );
    await screenshot(page, 'card-level');
  });

  await test.step('re-checks a commit that runs as root and waives it', async () => {
    const repo = localRepository(serviceName);
    const dockerfile = join(repo, 'Dockerfile');
    const hardened = readFileSync(dockerfile, 'utf8');
    expect(hardened).toMatch(/^USER /m);
    writeFileSync(dockerfile, hardened.replace(/^USER .*\n/m, ''));
    mkdirSync(join(repo, '.golden-path'), { recursive: true });
    writeFileSync(
      join(repo, '.golden-path', 'waivers.yaml'),
      [
        'waivers:',
        '  - check: dockerfile',
        `    reason: ${REASON}`,
        `    expires: ${expires}`,
        '    approvedBy: group:default/team-a',
        '  - check: workers',
        `    expires: ${expires}`,
        '    approvedBy: group:default/team-a',
        '',
      ].join('\n'),
    );
    const git = gitIn(repo);
    git('add', '-A');
    git('commit', '-qm', 'Run as root, waived until the storage migration');

    const checklist = await recheck(page, serviceName);
    const item = checklist.result!.items.find(i => i.id === 'dockerfile')!;
    expect(item.status).toBe('waived');
    expect(item.waiver?.realStatus).toBe('warn');
    expect(checklist.result!.scoreWithoutWaivers).toBeLessThan(
      checklist.result!.score,
    );

    const row = page.getByTestId('check-dockerfile');
    await row.getByLabel('waived').waitFor();
    await expect(row.getByTestId('waiver')).toHaveText(
      `Waived until ${expires} by group:default/team-a: ${REASON} (really warn)`,
    );
    await expect(page.getByTestId('score-without-waivers')).toHaveText(
      `${checklist.result!.score}, or ${
        checklist.result!.scoreWithoutWaivers
      } without waivers`,
    );
    await expect(
      page.getByRole('region', { name: 'Waiver problems' }),
    ).toContainText('Waiver 2 (workers) lacks a reason: not applied.');
    // waived meets the level: running as root did not cost the service its level
    await expect(page.getByTestId('checklist-level')).toHaveText(
      `Level: ${level ?? 'none yet'}`,
    );
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'card-waived');
  });

  await test.step('counts the waiver and filters by level on the org page', async () => {
    await page.getByRole('link', { name: 'Readiness', exact: true }).click();
    const serviceRow = page
      .getByRole('row')
      .filter({ has: page.locator(`a[href$="/component/${serviceName}"]`) });
    // the first summary can take a while on a busy machine
    await serviceRow
      .getByText('Dockerfile hardened (waived)')
      .waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('total-waivers')).toHaveText('1');
    const levelName = level ?? 'none';
    // Other specs of the same run may have created services at this level too: the
    // count names at least this one, and the filter offers the same count.
    const levelCount = page.getByTestId(`level-count-${levelName}`);
    await expect(levelCount).toContainText(/: [1-9]\d*$/);
    const atLevel = Number(
      /: (\d+)$/.exec((await levelCount.innerText()).trim())![1],
    );
    // Owner, Lifecycle, Level, Failing check
    await page.getByRole('button', { name: /All/ }).nth(2).click();
    await page
      .getByRole('option', {
        name: new RegExp(`^${level ?? 'Below every level'} \\(${atLevel}\\)$`),
      })
      .click();
    await expect(page).toHaveURL(
      new RegExp(`[?&]level=${encodeURIComponent(levelName)}`),
    );
    await serviceRow.waitFor();
    await screenshot(page, 'org-levels-waivers');
  });
});
