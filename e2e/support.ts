/*
 * What the browser tests share: the backend's readiness, the guest sign-in, the
 * FastAPI template's form, the card's Re-check and screenshots in e2e/artifacts/.
 */
import type { EntityChecklist } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { expect, Page } from '@playwright/test';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_URL, BACKEND_URL } from './playwright.config';

export const artifacts = join(__dirname, 'artifacts');

/**
 * Waits for the backend's readiness: the portal's web server answers as soon as the
 * frontend bundle is served, the backend may still be starting.
 */
export async function backendReady(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await fetch(`${BACKEND_URL}/.backstage/health/v1/readiness`)
      .then(r => r.ok)
      .catch(() => false);
    if (ready) return;
    await sleep(1000);
  }
  throw new Error(`the backend was not ready after ${timeoutMs / 1000} s`);
}

/** Saves a full-page screenshot as e2e/artifacts/<name>.png. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

/** Signs in on the sign-in page as the guest and waits for the sidebar. */
export async function signInAsGuest(page: Page) {
  await page.goto(APP_URL);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Readiness', exact: true }).waitFor();
}

/** Opens Create and chooses the FastAPI template, up to its first field. */
export async function openFastapiTemplate(page: Page) {
  await page.getByRole('link', { name: 'Create' }).first().click();
  // by its exact title ("Upgrade a FastAPI service" is a template too), and the
  // innermost match: the card, not a container holding every card
  const card = page
    .locator('article, .MuiCard-root')
    .filter({
      has: page.getByRole('heading', { name: 'FastAPI service', exact: true }),
    })
    .last();
  await card.getByRole('button', { name: 'Choose' }).click();
  await page.locator('#root_name').waitFor();
}

/**
 * Presses Re-check on the card of the service `serviceName` (the page shows it) and
 * answers the checklist the backend returned for it.
 */
export async function recheck(
  page: Page,
  serviceName: string,
): Promise<EntityChecklist> {
  const refreshed = page.waitForResponse(
    r =>
      r.url().endsWith(`/Component/${serviceName}/refresh`) &&
      r.request().method() === 'POST',
  );
  // Right after an evaluation the card holds Re-check back (refresh.minInterval) and
  // counts down; click() waits for the button to be enabled, as a user would.
  await page.getByRole('button', { name: 'Re-check' }).click();
  const response = await refreshed;
  expect(response.status()).toBe(200);
  return response.json();
}
