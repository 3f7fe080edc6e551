/*
 * The portal as a new user sees it (issue 15, items 1, 2, 6, 7), in a real browser at
 * 1400×1000: the readiness card is at the top of a service's overview beside About,
 * visible without scrolling; View Source, an evidence link and the task's Repository
 * link of a local service open its files in the portal's read-only view; the org page
 * names owners and checks as people read them and keeps its filters in the URL.
 * The service is created through the scaffolder's REST API (the form has its own test
 * in createService.spec.ts); auth `none`, so the auth check fails with evidence lines.
 * Screenshots land in e2e/artifacts/polish-*.png.
 */
import { expect, Locator, Page, test } from '@playwright/test';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_URL, BACKEND_URL } from './playwright.config';

const artifacts = join(__dirname, 'artifacts');
const serviceName = 'payments-api';
const VIEW_URL = `${BACKEND_URL}/api/fastapi-checklist/local/${serviceName}/`;
const VIEWPORT = { width: 1400, height: 1000 };

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(1000);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

/** A guest's token, as the sign-in page gets it. */
async function guestToken(): Promise<string> {
  const response = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(response.ok, await response.clone().text()).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

/** Creates the service through the scaffolder and waits for the task to finish. */
async function createService(token: string): Promise<string> {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  // The portal is up before its catalog has read the template: a task started earlier
  // fails "Template … not found".
  await until('the template in the catalog', 180_000, async () => {
    const template = await fetch(
      `${BACKEND_URL}/api/catalog/entities/by-name/template/default/fastapi-service`,
      { headers },
    );
    return template.ok ? true : undefined;
  });
  const response = await fetch(`${BACKEND_URL}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/fastapi-service',
      values: {
        name: serviceName,
        description: 'Takes payments.',
        owner: 'group:default/team-a',
        system: 'system:default/ordering',
        lifecycle: 'experimental',
        database: 'sqlite',
        auth: 'none',
        resource: 'items',
        websockets: false,
        backgroundTasks: true,
        corsOrigins: ['http://localhost:3000'],
        pythonVersion: '3.13',
        workers: 4,
        publishTarget: 'local',
      },
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const { id } = await response.json();
  const status = await until('the task to finish', 300_000, async () => {
    const task = await fetch(`${BACKEND_URL}/api/scaffolder/v2/tasks/${id}`, {
      headers,
    }).then(r => r.json());
    return ['completed', 'failed', 'cancelled'].includes(task.status)
      ? (task.status as string)
      : undefined;
  });
  expect(status, `task ${id}`).toBe('completed');
  return id;
}

/** Saves a screenshot in e2e/artifacts/ and attaches it to the test's report. */
async function screenshot(page: Page, name: string, fullPage = false) {
  const path = join(artifacts, `polish-${name}.png`);
  await page.screenshot({ path, fullPage });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

/** The element's box lies inside the window as it is, without scrolling. */
async function expectInViewport(page: Page, locator: Locator, what: string) {
  const box = (await locator.boundingBox())!;
  expect(box, `${what} has no box`).toBeTruthy();
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY, 'the page was scrolled').toBe(0);
  expect(box.x, `${what} left`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} right`).toBeLessThanOrEqual(
    VIEWPORT.width,
  );
  expect(box.y + box.height, `${what} bottom`).toBeLessThanOrEqual(
    VIEWPORT.height,
  );
}

test.use({ viewport: VIEWPORT });

test('a local service: its card above the fold, links that open its files, a readable org page', async ({
  page,
}) => {
  let taskId = '';
  let token = '';

  await test.step('creates a service on the local target', async () => {
    await until('the backend', 180_000, async () =>
      (
        await fetch(`${BACKEND_URL}/.backstage/health/v1/readiness`)
      ).ok
        ? true
        : undefined,
    );
    token = await guestToken();
    taskId = await createService(token);
    // the API entity of "payments-api" is titled once
    const api = await until('the API entity', 60_000, async () => {
      const r = await fetch(
        `${BACKEND_URL}/api/catalog/entities/by-name/api/default/${serviceName}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      return r.ok ? await r.json() : undefined;
    });
    expect(api.metadata.title).toBe('Payments API');
  });

  await test.step('the read-only view needs a signed-in user', async () => {
    expect((await fetch(`${VIEW_URL}app/main.py`)).status).toBe(401);
  });

  await test.step('signs in as guest', async () => {
    await page.goto(APP_URL);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('link', { name: 'Readiness', exact: true }).waitFor();
  });

  await test.step('the task page: steps name their target, Repository opens the view', async () => {
    await page.goto(`${APP_URL}/create/tasks/${taskId}`);
    const repository = page.getByRole('link', { name: 'Repository' }).first();
    await repository.waitFor({ timeout: 60_000 });
    expect(await repository.getAttribute('href')).toBe(VIEW_URL);
    const body = await page.locator('body').innerText();
    expect(body).toContain('Local: create the git repository');
    expect(body).toContain('Local: register in the catalog');
    // no two steps share the old name "Register in the catalog"
    expect(body).not.toMatch(/^Register in the catalog$/m);
    await screenshot(page, 'task', true);
  });

  await test.step('the card is at the top of the overview, beside About, without scrolling', async () => {
    await page.goto(`${APP_URL}/catalog/default/component/${serviceName}`);
    const card = page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText('Production readiness', { exact: true }) });
    await page.getByTestId('checklist-score').waitFor({ timeout: 90_000 });
    // first the picture, so a failing assertion below still leaves it
    await screenshot(page, 'card-above-the-fold');
    const title = card.getByText('Production readiness', { exact: true });
    await expectInViewport(page, title, 'the card title');
    await expectInViewport(
      page,
      page.getByTestId('checklist-score'),
      'the score',
    );
    // the About card (Backstage UI) by its heading
    const about = page.getByRole('heading', { name: 'About', exact: true });
    const cardBox = (await card.boundingBox())!;
    const aboutBox = (await about.boundingBox())!;
    const titleBox = (await title.boundingBox())!;
    // beside About: About to the right of the card, their titles level
    expect(
      cardBox.x + cardBox.width,
      'the card ends left of About',
    ).toBeLessThanOrEqual(aboutBox.x);
    expect(Math.abs(titleBox.y - aboutBox.y), 'titles level').toBeLessThan(40);
    // Re-check (offered to the owners' team the guest belongs to) lies inside the card
    const recheck = card.getByRole('button', { name: 'Re-check' });
    await expect(recheck).toBeVisible();
    const recheckBox = (await recheck.boundingBox())!;
    expect(recheckBox.x + recheckBox.width).toBeLessThanOrEqual(
      cardBox.x + cardBox.width,
    );
    expect(recheckBox.x).toBeGreaterThanOrEqual(cardBox.x);
    // status icons sit on their title's line
    const row = card.getByTestId('check-auth').getByTestId('check-title');
    const icon = (await row.getByLabel(/fail|pass|warn/).boundingBox())!;
    const text = (await row
      .getByText('Mutating routes authenticated')
      .boundingBox())!;
    expect(icon.x + icon.width).toBeLessThanOrEqual(text.x);
    expect(icon.y).toBeLessThan(text.y + text.height);
    expect(icon.y + icon.height).toBeGreaterThan(text.y);
  });

  await test.step('View Source opens the repository’s files', async () => {
    const viewSource = page.getByRole('link', { name: /View Source/i }).first();
    expect(await viewSource.getAttribute('href')).toBe(VIEW_URL);
    await page.goto(VIEW_URL);
    await expect(page.getByRole('link', { name: 'app/' })).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'catalog-info.yaml' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'catalog-info.yaml' }).click();
    await expect(page.locator('body')).toContainText('backstage.io/view-url');
    await screenshot(page, 'view-source');
  });

  await test.step('an evidence link opens the file at its line', async () => {
    await page.goto(`${APP_URL}/catalog/default/component/${serviceName}`);
    const evidence = page
      .getByTestId('check-auth')
      .locator(`a[href^="${VIEW_URL}"]`)
      .first();
    await evidence.waitFor({ timeout: 90_000 });
    const href = (await evidence.getAttribute('href'))!;
    const [, file, line] = href.match(
      /\/local\/payments-api\/(.+\.py)#L(\d+)$/,
    )!;
    expect((await evidence.innerText()).startsWith(`${file}:${line}`)).toBe(
      true,
    );
    await page.goto(href);
    const target = page.locator(`[id="L${line}"]`);
    await expect(target).toBeVisible();
    // the anchored line is a route declaration, the evidence of an unprotected route
    await expect(target).toContainText(
      /@(app|router)\.(post|put|patch|delete)|def /,
    );
    await expect(target).toBeInViewport();
    await screenshot(page, 'evidence-line');
  });

  await test.step('the org page names owners and checks, and keeps its filters in the URL', async () => {
    await page.goto(APP_URL);
    await page.getByRole('link', { name: 'Readiness', exact: true }).click();
    const row = page
      .getByRole('row')
      .filter({ has: page.locator(`a[href$="/component/${serviceName}"]`) });
    await row.waitFor();
    await expect(row).toContainText('Team A');
    await expect(row).toContainText('Mutating routes authenticated');
    await page.getByRole('button', { name: /All/ }).first().click();
    await expect(
      page.getByRole('option', { name: 'group:default/team-a' }),
    ).toHaveCount(0);
    await page.getByRole('option', { name: 'Team A' }).click();
    await expect(page).toHaveURL(/[?&]owner=group%3Adefault%2Fteam-a/);
    // the link opens the same view
    await page.goto(page.url());
    await row.waitFor();
    await expect(page.getByRole('button', { name: 'Team A' })).toBeVisible();
    await screenshot(page, 'org-view', true);
  });
});
