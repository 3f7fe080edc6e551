/*
 * What the browser tests read from the FastAPI golden path's templates and how they
 * act on a service's local repository: the template's current version, the upgrade
 * form's defaults, and git as the service's team (an `e2e` committer).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const TEMPLATE_DIR = path.join(__dirname, '../templates/fastapi-service');
const readTemplate = (file: string) =>
  parseYaml(fs.readFileSync(path.join(TEMPLATE_DIR, file), 'utf8'));

/** The FastAPI template's current version: what an upgrade brings a service to. */
export const templateVersion: string =
  readTemplate('template.yaml').metadata.annotations[
    'fastapi-golden-path/version'
  ];

/** The branch an upgrade to the current version opens. */
export const upgradeBranch = `golden-path/upgrade-${templateVersion}`;

/**
 * The service options the upgrade form opens with (upgrade.yaml's defaults): a 0.1.0
 * service made with them needs no answers typed, and the bulk upgrade submits them.
 */
export const upgradeFormDefaults: Record<string, unknown> = Object.fromEntries(
  (
    readTemplate('upgrade.yaml').spec.parameters as {
      properties: Record<string, { default?: unknown }>;
    }[]
  )
    .flatMap(step => Object.entries(step.properties ?? {}))
    .filter(([name, field]) => name !== 'createdFrom' && 'default' in field)
    .map(([name, field]) => [name, field.default]),
);

/** A service's repository under the portal's local root. */
export const localRepository = (serviceName: string) =>
  path.join(process.env.E2E_LOCAL_ROOT!, serviceName);

/** git in `repo`, committing as the service's team would; answers git's output. */
export const gitIn =
  (repo: string) =>
  (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-C',
        repo,
        '-c',
        'user.name=e2e',
        '-c',
        'user.email=e2e@localhost',
        ...args,
      ],
      { encoding: 'utf8' },
    );
