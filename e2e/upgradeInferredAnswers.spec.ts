/*
 * The answers of a service made before answers were recorded, read from its repository:
 * a release 0.1.0 service made with options other than the form's defaults (and no task
 * that created it) shows on its card which answers the upgrade form opens with, the form
 * opens filled with them, and the upgrade it runs renders with them: the branch's answers
 * file holds the options the service was made with. Screenshots land in e2e/artifacts/.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  gitIn,
  localRepository,
  templateVersion,
  upgradeBranch,
} from './goldenPath';
import { publishRelease } from './releaseService';
import { backendReady, screenshot, signInAsGuest } from './support';

const serviceName = 'inferred-e2e';

/** None of them the upgrade form's default. */
const options = {
  database: 'sqlite',
  auth: 'none',
  resource: 'order-lines',
  websockets: true,
  backgroundTasks: false,
  corsOrigins: ['https://app.example.com'],
  pythonVersion: '3.12',
  workers: 2,
};

test('opens the upgrade of a service without recorded answers with the answers its repository states', async ({
  page,
}) => {
  const repo = localRepository(serviceName);
  const git = gitIn(repo);
  await backendReady(180_000);

  await publishRelease({
    root: process.env.E2E_LOCAL_ROOT!,
    version: '0.1.0',
    input: {
      name: serviceName,
      description: 'Made from 0.1.0 with its own options.',
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      ...options,
    },
  });
  expect(fs.existsSync(path.join(repo, '.golden-path/answers.yaml'))).toBe(
    false,
  );

  await test.step('the card lists the answers read from the repository', async () => {
    await signInAsGuest(page);
    // the local catalog finds the new repository on its next scan
    await expect(async () => {
      await page.goto(`/catalog/default/component/${serviceName}`);
      await page.getByTestId('inferred-answers').waitFor({ timeout: 10_000 });
    }).toPass({ timeout: 180_000 });
    const note = page.getByTestId('inferred-answers');
    await expect(note).toContainText('createdFrom "0.1.0" (catalog-info.yaml:');
    await expect(note).toContainText('database "sqlite" (app/config.py:');
    await expect(note).toContainText('auth "none" (app/config.py:');
    await expect(note).toContainText(
      'resource "order-lines" (app/routers/order_lines.py:',
    );
    await expect(note).toContainText(
      'websockets true (app/routers/websocket.py:',
    );
    await expect(note).toContainText('pythonVersion "3.12" (Dockerfile:');
    await expect(note).toContainText('workers 2 (Dockerfile:');
    await screenshot(page, 'upgrade-inferred-answers');
  });

  await test.step('the upgrade form opens filled with them', async () => {
    await page
      .getByRole('link', { name: 'Upgrade as a reviewable change' })
      .click();
    await page.waitForURL(/fastapi-service-upgrade/);
    const formData = JSON.parse(
      new URL(page.url()).searchParams.get('formData')!,
    );
    expect(formData).toEqual({
      entity: `component:default/${serviceName}`,
      createdFrom: '0.1.0',
      ...options,
    });
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.locator('#root_resource')).toHaveValue('order-lines');
    await expect(page.locator('#root_workers')).toHaveValue('2');
    await screenshot(page, 'upgrade-inferred-form');
  });

  await test.step('the upgrade renders with them', async () => {
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/create\/tasks\//);
    await expect(
      page
        .getByText(`Branch \`${upgradeBranch}\``)
        .or(page.getByText(upgradeBranch))
        .first(),
    ).toBeVisible({ timeout: 300_000 });
    const answers = parseYaml(
      git('show', `${upgradeBranch}:.golden-path/answers.yaml`),
    );
    expect(answers).toMatchObject({
      version: templateVersion,
      answers: { name: serviceName, ...options },
    });
  });
});
