/*
 * Keeping a service on the golden path, in a real browser against the real local portal:
 * a service made from release 0.1.0 and then edited by its team (a new route, a README
 * line, a changed setting) is upgraded to the template's current version from its card,
 * the upgrade branch is merged, and the service keeps its edits, gains the new version's
 * files, passes its own tests with real Python, and its card shows Gold. Screenshots land
 * in e2e/artifacts/.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ensureLockedEnv } from '../packages/golden-path-verification/src/variants/__testUtils__/pythonEnv';
import {
  gitIn,
  localRepository,
  templateVersion,
  upgradeBranch,
  upgradeFormDefaults,
} from './goldenPath';
import { publishRelease } from './releaseService';
import { backendReady, recheck, screenshot, signInAsGuest } from './support';

const serviceName = 'upgrade-e2e';

/** A 0.1.0 service made with the upgrade form's defaults needs no answers typed. */
const options = upgradeFormDefaults;

const NEW_ROUTE = `

@router.get("/-/count")
def count_items(service: ItemServiceDep) -> int:
    """How many items there are: a route the team added."""
    return service.list_page(offset=0, limit=1).count
`;
const README_LINE = 'Owned by the ordering team; on call: #orders-oncall.';

test('upgrades an edited 0.1.0 service from its card, keeping its edits', async ({
  page,
}) => {
  const repo = localRepository(serviceName);
  const git = gitIn(repo);
  await backendReady(180_000);

  await test.step('a service made from 0.1.0, edited by its team', async () => {
    await publishRelease({
      root: process.env.E2E_LOCAL_ROOT!,
      version: '0.1.0',
      input: {
        name: serviceName,
        description: 'Made from 0.1.0, upgraded in the browser.',
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        ...options,
      },
    });
    fs.appendFileSync(path.join(repo, 'app/routers/items.py'), NEW_ROUTE);
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
    const [title, ...rest] = readme.split('\n');
    fs.writeFileSync(
      path.join(repo, 'README.md'),
      [title, '', README_LINE, ...rest].join('\n'),
    );
    const config = fs.readFileSync(path.join(repo, 'app/config.py'), 'utf8');
    expect(config).toContain(
      'ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=30',
    );
    fs.writeFileSync(
      path.join(repo, 'app/config.py'),
      config.replace(
        'ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=30',
        'ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=60',
      ),
    );
    git('commit', '-qam', 'Count route, on-call line, one-hour tokens');
  });

  await test.step('the card offers the upgrade, which opens with the service picked', async () => {
    await signInAsGuest(page);
    // the local catalog finds the new repository on its next scan
    await expect(async () => {
      await page.goto(`/catalog/default/component/${serviceName}`);
      await page
        .getByText(`Golden path 0.1.0 → ${templateVersion} available.`)
        .waitFor({ timeout: 10_000 });
    }).toPass({ timeout: 180_000 });
    await screenshot(page, 'upgrade-offer');
    await page
      .getByRole('link', { name: 'Upgrade as a reviewable change' })
      .click();
    await page.waitForURL(/fastapi-service-upgrade/);
    // the service is picked (formData in the link): Next goes on without a choice
    await page.getByRole('button', { name: 'Next' }).waitFor();
  });

  await test.step('runs the upgrade: a branch in the local repository', async () => {
    const head = git('rev-parse', 'HEAD').trim();
    await page.getByRole('button', { name: 'Next' }).click();
    // made without a task or an answers file: the form's answers, its defaults here
    await page.locator('#root_createdFrom').waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/create\/tasks\//);
    await expect(
      page
        .getByText(`Branch \`${upgradeBranch}\``)
        .or(page.getByText(upgradeBranch))
        .first(),
    ).toBeVisible({ timeout: 300_000 });
    await screenshot(page, 'upgrade-task');
    // reviewable, not applied: the service's own branch is where it was
    expect(git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(git('rev-parse', '--verify', upgradeBranch).trim()).toMatch(
      /^[0-9a-f]{40}$/,
    );
  });

  await test.step('merged, the service keeps its edits and gains the new files', async () => {
    git('merge', '-q', '--no-edit', upgradeBranch);
    const read = (file: string) =>
      fs.readFileSync(path.join(repo, file), 'utf8');
    expect(read('app/routers/items.py')).toContain(NEW_ROUTE);
    expect(read('README.md')).toContain(README_LINE);
    expect(read('app/config.py')).toContain(
      'ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=60',
    );
    // the new version's files and settings
    expect(fs.existsSync(path.join(repo, 'app/request_id.py'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'deploy/kustomization.yaml'))).toBe(
      true,
    );
    expect(read('app/config.py')).toContain('MAX_REQUEST_BODY_BYTES');
    expect(read('catalog-info.yaml')).toContain(
      `fastapi-service@${templateVersion}`,
    );
    expect(parseYaml(read('.golden-path/answers.yaml'))).toMatchObject({
      version: templateVersion,
      answers: { name: serviceName, ...options },
    });
  });

  await test.step('its own tests pass with real Python', async () => {
    const python = await ensureLockedEnv({
      lockFiles: [
        path.join(repo, 'requirements.txt'),
        path.join(repo, 'requirements-dev.txt'),
      ],
    });
    // The team's route changed the API: regenerate the committed contract, as the
    // service's README says, and commit it.
    const contract = execFileSync('python', ['-m', 'app.openapi'], {
      cwd: repo,
      env: { ...python.env, ENVIRONMENT: 'development' },
      encoding: 'utf8',
    });
    expect(JSON.parse(contract).paths).toHaveProperty(['/items/-/count']);
    fs.writeFileSync(path.join(repo, 'openapi.json'), contract);
    git('commit', '-qam', 'Regenerate the API contract');
    const marked = git('ls-files')
      .split('\n')
      .filter(
        file =>
          file &&
          /^<{7} /m.test(fs.readFileSync(path.join(repo, file), 'utf8')),
      );
    expect(marked, 'files left with conflict markers').toEqual([]);

    // in a clone, so test runs leave nothing in the repository the portal reads
    const copy = fs.mkdtempSync(path.join(tmpdir(), 'upgrade-e2e-tests-'));
    try {
      execFileSync('git', ['clone', '-q', repo, copy]);
      execFileSync('python', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
        cwd: copy,
        env: python.env,
        stdio: 'pipe',
        timeout: 600_000,
      });
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  await test.step('the card shows Gold after Re-check', async () => {
    await page.goto(`/catalog/default/component/${serviceName}`);
    const checklist = await recheck(page, serviceName);
    const notPassing = checklist
      .result!.items.filter(i => !['pass', 'not-applicable'].includes(i.status))
      .map(i => `${i.id}: ${i.status}`);
    expect(notPassing).toEqual([]);
    await expect(page.getByTestId('checklist-level')).toHaveText(
      'Level: Gold',
      {
        timeout: 60_000,
      },
    );
    await screenshot(page, 'upgrade-gold');
  });
});
