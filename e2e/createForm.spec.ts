/*
 * The Create form catching mistakes before Create (issue 15), and TechDocs, in a real
 * browser against the real local portal (started by playwright.config.ts, without a
 * GitHub token): the description stops at its limit with a counter, a CORS origin's
 * error sits under that origin and a trailing slash is fine, GitHub is disabled with the
 * fix, the Review page shows the checklist score the answers get, the created service's
 * Docs tab renders its docs/, and a name the catalog or the local root already has is
 * refused in the form. Screenshots land in e2e/artifacts/.
 */
import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { expect, Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  backendReady,
  openFastapiTemplate,
  screenshot,
  signInAsGuest,
} from './support';

const serviceName = 'docs-e2e';
// in the local root but not in the catalog (no catalog-info.yaml)
const takenLocally = 'taken-locally-e2e';
/**
 * The Review page's score for the form's defaults (SQLite, JWT: every check applies): the
 * golden path is born Gold, every check passing.
 */
const BORN_AT = `Born at 100/100 (${CHECK_IDS.length}/${CHECK_IDS.length} checks)`;
const CORS_ERROR =
  'Use scheme://host[:port] without a path or wildcard (e.g. https://app.example.com).';

/**
 * The TechDocs reader has settled: no build or refresh under way (its state alerts and
 * their spinners, the progress bar while it checks or loads the page's styles) and the
 * page shown (the reader keeps it at opacity 0 until its styles are in).
 */
async function expectDocsSettled(page: Page) {
  await expect(
    page.getByText(/is being prepared|newer version of this documentation/),
  ).toHaveCount(0);
  // Backstage's Progress (hidden for its first moments, then a bar) and
  // the alerts' spinners
  await expect(page.getByTestId('progress')).toHaveCount(0);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(
    page.getByTestId('techdocs-native-shadowroot').locator('html'),
  ).toHaveCSS('opacity', '1');
}

async function fillServicePage(page: Page, name: string) {
  await page.locator('#root_name').fill(name);
  await page.locator('#root_owner').click();
  await page.getByRole('option', { name: 'Team A' }).click();
}

test('the Create form catches mistakes early and a created service has docs', async ({
  page,
}) => {
  await backendReady(180_000);

  await test.step('signs in as guest', async () => {
    await signInAsGuest(page);
  });

  await test.step('the description stops at 2,000 characters and counts', async () => {
    await openFastapiTemplate(page);
    await fillServicePage(page, serviceName);
    await page.locator('#root_description').fill('x'.repeat(2100));
    await expect(page.locator('#root_description')).toHaveValue(
      'x'.repeat(2000),
    );
    await page.getByText('2000 / 2000 characters').waitFor();
    await page
      .locator('#root_description')
      .fill('Serves the docs of the e2e service.');
    await page.getByText('35 / 2000 characters').waitFor();
    await page.getByText(`"${serviceName}" is free in the catalog`).waitFor();
    await screenshot(page, 'form-description-counter');
    await page.getByRole('button', { name: 'Next' }).click();
  });

  await test.step('a CORS origin’s error is under that origin; a trailing slash is fine', async () => {
    const origin = page.locator('#root_corsOrigins_0');
    await origin.waitFor();
    // the item has a label of its own, not "corsOrigins-0"
    await expect(page.getByText('corsOrigins-0')).toHaveCount(0);
    await expect(page.getByLabel(/^Origin/)).toHaveCount(1);
    await origin.fill('https://app.example.com/path');
    await page.getByRole('button', { name: 'Next' }).click();
    // inline, in the origin's own field (the innermost control holding both)
    await page
      .locator('div.MuiFormControl-root')
      .filter({ has: origin })
      .filter({ hasText: CORS_ERROR })
      .last()
      .waitFor();
    await expect(origin).toHaveAttribute('aria-invalid', 'true');
    // … and only there
    await expect(
      page.getByText(CORS_ERROR).filter({ visible: true }),
    ).toHaveCount(1);
    await screenshot(page, 'form-cors-error');
    await origin.fill('https://app.example.com/');
    await page.getByRole('button', { name: 'Next' }).click();
  });

  await test.step('GitHub is disabled without a token, with the fix', async () => {
    await page.getByText('Where to publish').first().waitFor();
    await expect(page.getByLabel('GitHub')).toBeDisabled();
    await expect(
      page.getByLabel('Local git repository (offline, this portal)'),
    ).toBeChecked();
    await page
      .getByText(
        /Unavailable: Publishing to GitHub needs credentials for github\.com: set the GITHUB_TOKEN environment variable/,
      )
      .waitFor();
  });

  await test.step('the Review page shows the score the answers get', async () => {
    await page.getByText(BORN_AT).waitFor({ timeout: 60_000 });
    await screenshot(page, 'form-repository');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).waitFor();
    await page.getByText(BORN_AT).waitFor();
    // the trailing slash was kept in the answers and accepted
    await page.getByText('https://app.example.com/').first().waitFor();
    await screenshot(page, 'form-review-score');
    await page.getByRole('button', { name: 'Create' }).click();
  });

  await test.step('the created service has a Docs tab with its docs', async () => {
    await page.waitForURL(/\/create\/tasks\//);
    await page
      .getByRole('link', { name: 'Open in catalog' })
      .first()
      .waitFor({ timeout: 240_000 });
    await page.getByRole('link', { name: 'Open in catalog' }).first().click();
    await page.waitForURL(
      new RegExp(`/catalog/default/component/${serviceName}`),
    );
    const docsTab = page.locator(
      `a[href$="/catalog/default/component/${serviceName}/docs"]`,
    );
    await expect(docsTab).toHaveText('Docs');
    await docsTab.click();
    await screenshot(page, 'docs-tab-opened');
    // the generated docs/index.md, built by mkdocs (techdocs-core) on this machine,
    // in the reader's shadow root
    const docs = page.getByTestId('techdocs-native-shadowroot');
    await expect(
      docs.getByRole('heading', { name: 'Docs E2e' }).first(),
    ).toBeVisible({ timeout: 180_000 });
    await expect(
      docs.getByText(/is a FastAPI service created from the/).first(),
    ).toBeVisible();
    await expectDocsSettled(page);
    await screenshot(page, 'docs-tab');
  });

  await test.step('a name the catalog has is refused on the first page', async () => {
    await openFastapiTemplate(page);
    await fillServicePage(page, serviceName);
    const taken = `The catalog already has a component named "${serviceName}"; choose another name`;
    // said on the field while typing …
    await page.getByText(taken).first().waitFor();
    // … and Next refuses it, saying so once, under the field
    await page.getByRole('button', { name: 'Next' }).click();
    // (the form's error of the field, rjsf's <id>__error)
    await expect(page.locator('#root_name__error')).toHaveText(taken);
    await expect(page.getByText(taken).filter({ visible: true })).toHaveCount(
      1,
    );
    await expect(page.locator('#root_name')).toHaveValue(serviceName);
    await expect(page.locator('#root_corsOrigins_0')).toHaveCount(0);
    await screenshot(page, 'form-duplicate-name');
  });

  await test.step('a name the local root has is refused before Create', async () => {
    mkdirSync(join(process.env.E2E_LOCAL_ROOT!, takenLocally), {
      recursive: true,
    });
    await page.locator('#root_name').fill(takenLocally);
    await page.getByText(`"${takenLocally}" is free in the catalog`).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#root_corsOrigins_0').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Where to publish').first().waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    const takenHere = page.getByText(
      `The local target already has a repository named "${takenLocally}"; go back to Service and choose another name`,
    );
    await takenHere.filter({ visible: true }).first().waitFor();
    // once, under the field
    await expect(takenHere.filter({ visible: true })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);
    await screenshot(page, 'form-taken-locally');
  });
});
