/*
 * The golden path in a real browser against the real local portal (`npm start`):
 * sign in as guest, Create → FastAPI service (an invalid name first, to see the form's
 * own error), create, wait for the task, open the new component, read its checklist
 * card, break the Dockerfile, Re-check, and find the new score in the org view.
 * Screenshots land in e2e/artifacts (git-ignored).
 */
import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { APP_URL, Portal, startPortal } from './portal';

const artifacts = join(__dirname, 'artifacts');
const serviceName = 'orders-e2e';
const INVALID_NAME_ERROR =
  'Use 2–63 lowercase letters, digits and single hyphens, starting with a letter (e.g. orders-api).';

describe(
  'Create a FastAPI service in the local portal',
  { timeout: 20 * 60_000 },
  () => {
    let portal: Portal;
    let browser: Browser;
    let page: Page;
    let taskScore: number;
    let recheckedScore: number;

    const screenshot = (name: string) =>
      page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

    /**
     * Runs one step of the flow; on failure keeps a screenshot of what the browser
     * showed, and the later steps are skipped (each builds on the one before).
     */
    let broken = false;
    const step = (name: string, body: () => Promise<void>) =>
      it(name, async t => {
        if (broken) {
          t.skip('an earlier step failed');
          return;
        }
        try {
          await body();
        } catch (error) {
          broken = true;
          await screenshot(`failed-${name.replace(/\W+/g, '-')}`).catch(
            () => {},
          );
          throw error;
        }
      });

    const cardScore = async () =>
      Number(
        await page
          .getByTestId('checklist-score')
          .innerText()
          .then(t => t.match(/\d+/)![0]),
      );

    before(async () => {
      mkdirSync(artifacts, { recursive: true });
      portal = await startPortal(join(artifacts, 'portal.log'));
      browser = await launchBrowser();
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      page.setDefaultTimeout(30_000);
    });

    after(async () => {
      await browser?.close();
      await portal?.stop();
    });

    step('signs in as guest', async () => {
      await page.goto(APP_URL);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page.getByRole('link', { name: 'FastAPI readiness' }).waitFor();
      // the catalog is the landing page
      await page
        .getByRole('heading', { name: 'FastAPI Golden Path Catalog' })
        .waitFor();
    });

    step('opens Create and chooses the FastAPI template', async () => {
      await page.getByRole('link', { name: 'Create' }).first().click();
      const card = page
        .locator('article, .MuiCard-root')
        .filter({ hasText: 'FastAPI service' });
      await card.getByRole('button', { name: 'Choose' }).click();
      await page.locator('#root_name').waitFor();
    });

    step('shows the form’s own error for an invalid name', async () => {
      await page.locator('#root_name').fill('Orders_API');
      await page.locator('#root_description').fill('Takes and tracks orders.');
      await page.locator('#root_owner').click();
      await page.getByRole('option', { name: 'Team A' }).click();
      await page.locator('#root_system').click();
      await page.getByRole('option', { name: 'ordering' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByText(INVALID_NAME_ERROR).first().waitFor();
      // still on the first page
      assert.equal(await page.locator('#root_name').inputValue(), 'Orders_API');
      await screenshot('form-invalid-name');
    });

    step('fills every page and creates the service', async () => {
      await page.locator('#root_name').fill(serviceName);
      await page.getByRole('button', { name: 'Next' }).click();

      // Features: PostgreSQL-free defaults, but a resource of our own
      await page.locator('#root_resource').waitFor();
      await page.locator('#root_resource').fill('order-lines');
      await screenshot('form-features');
      await page.getByRole('button', { name: 'Next' }).click();

      // Repository: the offline local target is the default
      await page.getByText('Where to publish').first().waitFor();
      await page.getByRole('button', { name: 'Review' }).click();

      await page.getByRole('button', { name: 'Create' }).waitFor();
      const review = await page.locator('body').innerText();
      assert.match(review, new RegExp(serviceName));
      assert.match(review, /order-lines/);
      await screenshot('form-review');
      await page.getByRole('button', { name: 'Create' }).click();
    });

    step(
      'runs the task to success with the checklist in its output',
      async () => {
        await page.waitForURL(/\/create\/tasks\//);
        await page
          .getByRole('link', { name: 'Open in catalog' })
          .first()
          .waitFor({ timeout: 240_000 });
        const main = await page.locator('body').innerText();
        // (the output buttons are upper-cased by CSS, which innerText reflects)
        const score = main.match(/Production-readiness checklist: (\d+)\/100/i);
        assert.ok(score, `no checklist score in the task output:\n${main}`);
        taskScore = Number(score[1]);
        assert.ok(
          taskScore >= 80,
          `the template's own service scores ${taskScore}`,
        );
        await page
          .getByTestId('output-box')
          .getByRole('button', { name: /Production-readiness/i })
          .click();
        await page.getByText('Dockerfile hardened').first().waitFor();
        await screenshot('task');
      },
    );

    step('shows the checklist card on the new component', async () => {
      await page.getByRole('link', { name: 'Open in catalog' }).first().click();
      await page.waitForURL(
        new RegExp(`/catalog/default/component/${serviceName}`),
      );
      await page
        .getByText('Production readiness')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.getByTestId('checklist-score').waitFor({ timeout: 60_000 });
      assert.equal(await cardScore(), taskScore);
      const card = await page.locator('body').innerText();
      for (const check of CHECKS)
        assert.ok(card.includes(check.title), `card lacks “${check.title}”`);
      await page.getByTestId('checklist-score').scrollIntoViewIfNeeded();
      await screenshot('card');
    });

    step('re-checks after the repository changes', async () => {
      // The developer drops the Dockerfile's non-root user and commits.
      const repo = join(portal.localRoot, serviceName);
      const dockerfile = join(repo, 'Dockerfile');
      const hardened = readFileSync(dockerfile, 'utf8');
      assert.match(hardened, /^USER /m);
      writeFileSync(dockerfile, hardened.replace(/^USER .*\n/m, ''));
      execFileSync('git', [
        '-C',
        repo,
        '-c',
        'user.name=e2e',
        '-c',
        'user.email=e2e@localhost',
        'commit',
        '-qam',
        'Run as root',
      ]);

      const refreshed = page.waitForResponse(
        r =>
          r.url().endsWith(`/Component/${serviceName}/refresh`) &&
          r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Re-check' }).click();
      assert.equal((await refreshed).status(), 200);
      await page.getByRole('button', { name: 'Re-check' }).waitFor();
      recheckedScore = await cardScore();
      assert.ok(
        recheckedScore < taskScore,
        `score ${recheckedScore} after breaking the Dockerfile`,
      );
      const dockerRow = page
        .locator('li')
        .filter({ hasText: 'Dockerfile hardened' });
      // one hardening gap is a warning, with the Dockerfile line as evidence
      await dockerRow.getByLabel('warn').waitFor();
      await dockerRow.getByText(/never sets a non-root USER/).waitFor();
      await screenshot('card-rechecked');
    });

    step('lists the service with the same score in the org view', async () => {
      await page.getByRole('link', { name: 'FastAPI readiness' }).click();
      const row = page
        .getByRole('row')
        .filter({ has: page.locator(`a[href$="/component/${serviceName}"]`) });
      await row.waitFor();
      const cells = await row.getByRole('cell').allInnerTexts();
      assert.ok(
        cells.includes(String(recheckedScore)),
        `row ${JSON.stringify(cells)}`,
      );
      // the trend compares with the evaluation before the Re-check
      const trend = `▼ ${recheckedScore - taskScore}`;
      assert.ok(
        cells.includes(trend),
        `no ${trend} in ${JSON.stringify(cells)}`,
      );
      await screenshot('org-view');
    });
  },
);
