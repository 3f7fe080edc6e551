/*
 * The golden path in a real browser against the real local portal (`npm start`, started
 * by playwright.config.ts): sign in as guest, Create → FastAPI service (an invalid name
 * first, to see the form's own error), create, wait for the task, open the new
 * component, read its checklist card, break the Dockerfile, Re-check, and find the new
 * score in the org view. Screenshots of each stage land in e2e/artifacts/.
 */
import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { expect, Page, test } from '@playwright/test';
import { gitIn, localRepository } from './goldenPath';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  backendReady,
  openFastapiTemplate,
  recheck,
  screenshot,
  signInAsGuest,
} from './support';

const serviceName = 'orders-e2e';
const INVALID_NAME_ERROR =
  'Use 2–63 lowercase letters, digits and single hyphens, starting with a letter (e.g. orders-api).';

const cardScore = async (page: Page) =>
  Number(
    (await page.getByTestId('checklist-score').innerText()).match(/\d+/)![0],
  );

test('creates a FastAPI service and follows its checklist', async ({
  page,
}) => {
  let taskScore = 0;
  let recheckedScore = 0;
  await backendReady(180_000);

  await test.step('signs in as guest', async () => {
    await signInAsGuest(page);
    // the catalog is the landing page
    await page
      .getByRole('heading', { name: 'FastAPI Golden Path Catalog' })
      .waitFor();
  });

  await test.step('opens Create and chooses the FastAPI template', async () => {
    await openFastapiTemplate(page);
  });

  await test.step('shows the form’s own error for an invalid name', async () => {
    await page.locator('#root_name').fill('Orders_API');
    await page.locator('#root_description').fill('Takes and tracks orders.');
    await page.locator('#root_owner').click();
    await page.getByRole('option', { name: 'Team A' }).click();
    await page.locator('#root_system').click();
    await page.getByRole('option', { name: 'ordering' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByText(INVALID_NAME_ERROR)
      .filter({ visible: true })
      .first()
      .waitFor();
    // said once, under the field (no list of the page's errors above the form)
    await expect(
      page.getByText(INVALID_NAME_ERROR).filter({ visible: true }),
    ).toHaveCount(1);
    await expect(page.locator('#root_name__error')).toHaveText(
      INVALID_NAME_ERROR,
    );
    // still on the first page
    await expect(page.locator('#root_name')).toHaveValue('Orders_API');
    await screenshot(page, 'form-invalid-name');
  });

  await test.step('fills every page and creates the service', async () => {
    await page.locator('#root_name').fill(serviceName);
    await page.getByRole('button', { name: 'Next' }).click();

    // Features: PostgreSQL-free defaults, but a resource of our own
    await page.locator('#root_resource').waitFor();
    await page.locator('#root_resource').fill('order-lines');
    await screenshot(page, 'form-features');
    await page.getByRole('button', { name: 'Next' }).click();

    // Repository: the offline local target is the default
    await page.getByText('Where to publish').first().waitFor();
    await page.getByRole('button', { name: 'Review' }).click();

    await page.getByRole('button', { name: 'Create' }).waitFor();
    const review = await page.locator('body').innerText();
    expect(review).toMatch(new RegExp(serviceName));
    expect(review).toMatch(/order-lines/);
    await screenshot(page, 'form-review');
    await page.getByRole('button', { name: 'Create' }).click();
  });

  await test.step('runs the task to success with the checklist in its output', async () => {
    await page.waitForURL(/\/create\/tasks\//);
    await page
      .getByRole('link', { name: 'Open in catalog' })
      .first()
      .waitFor({ timeout: 240_000 });
    const main = await page.locator('body').innerText();
    // (the output buttons are upper-cased by CSS, which innerText reflects)
    const score = main.match(/Production-readiness checklist: (\d+)\/100/i);
    expect(
      score,
      `no checklist score in the task output:\n${main}`,
    ).toBeTruthy();
    taskScore = Number(score![1]);
    expect(
      taskScore,
      "the template's own service's score",
    ).toBeGreaterThanOrEqual(80);
    await page
      .getByTestId('output-box')
      .getByRole('button', { name: /Production-readiness/i })
      .click();
    await page.getByText('Dockerfile hardened').first().waitFor();
    await screenshot(page, 'task');
  });

  await test.step('shows the checklist card on the new component', async () => {
    await page.getByRole('link', { name: 'Open in catalog' }).first().click();
    await page.waitForURL(
      new RegExp(`/catalog/default/component/${serviceName}`),
    );
    await page
      .getByText('Production readiness')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('checklist-score').waitFor({ timeout: 60_000 });
    expect(await cardScore(page)).toBe(taskScore);
    const card = await page.locator('body').innerText();
    for (const check of CHECKS)
      expect(card, `card lacks “${check.title}”`).toContain(check.title);
    await page.getByTestId('checklist-score').scrollIntoViewIfNeeded();
    await screenshot(page, 'card');
  });

  await test.step('re-checks after the repository changes', async () => {
    // The developer drops the Dockerfile's non-root user and commits.
    const repo = localRepository(serviceName);
    const dockerfile = join(repo, 'Dockerfile');
    const hardened = readFileSync(dockerfile, 'utf8');
    expect(hardened).toMatch(/^USER /m);
    writeFileSync(dockerfile, hardened.replace(/^USER .*\n/m, ''));
    gitIn(repo)('commit', '-qam', 'Run as root');

    recheckedScore = (await recheck(page, serviceName)).result!.score;
    expect(recheckedScore, 'score after breaking the Dockerfile').toBeLessThan(
      taskScore,
    );
    // the card shows the re-check's result (it may render a moment after the response)
    await expect(page.getByTestId('checklist-score')).toContainText(
      String(recheckedScore),
    );
    expect(await cardScore(page)).toBe(recheckedScore);
    const dockerRow = page
      .locator('li')
      .filter({ hasText: 'Dockerfile hardened' });
    // one hardening gap is a warning, with the Dockerfile line as evidence
    await dockerRow.getByLabel('warn').waitFor();
    await dockerRow.getByText(/never sets a non-root USER/).waitFor();
    await screenshot(page, 'card-rechecked');
  });

  await test.step('lists the service with the same score in the org view', async () => {
    await page.getByRole('link', { name: 'Readiness', exact: true }).click();
    const row = page
      .getByRole('row')
      .filter({ has: page.locator(`a[href$="/component/${serviceName}"]`) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells).toContain(String(recheckedScore));
    // the trend compares with the evaluation before the Re-check
    expect(cells).toContain(`▼ ${recheckedScore - taskScore}`);
    await screenshot(page, 'org-view');
  });
});
