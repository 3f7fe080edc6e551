import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `count` small checklist-enabled FastAPI repositories under `root` (svc-0 …) and
 * returns their catalog entities, registered from `file:` locations as the local target
 * registers them; or, with `serverUrl` (repositoryServer.ts serving `root`), with their
 * source on that server, read through a UrlReader as repositories on a git host are.
 */
export function writeSyntheticRepositories(
  root: string,
  count: number,
  serverUrl?: string,
): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const name = `svc-${i}`;
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'app'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'fastapi\n');
    fs.writeFileSync(
      path.join(dir, 'app/main.py'),
      [
        'from fastapi import FastAPI',
        'app = FastAPI()',
        '',
        '@app.get("/health")',
        'def health() -> dict[str, str]:',
        '    return {"status": "ok"}',
        '',
        `@app.post("/items-${i}")`,
        'def create(item: dict) -> dict:',
        '    return item',
        '',
      ].join('\n'),
    );
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'fastapi-golden-path/checklist': 'enabled',
          ...(serverUrl
            ? {
                'backstage.io/managed-by-location': `url:${serverUrl}/${name}/catalog-info.yaml`,
                'backstage.io/source-location': `url:${serverUrl}/${name}/`,
              }
            : {
                'backstage.io/managed-by-location': `file:${path.join(
                  dir,
                  'catalog-info.yaml',
                )}`,
              }),
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${i % 10}`,
      },
    });
  }
  return entities;
}

/**
 * Changes every repository (its logging module, different for each `round`), so the
 * next evaluation analyses each again.
 */
export function changeSyntheticRepositories(
  root: string,
  count: number,
  round = 1,
) {
  for (let i = 0; i < count; i++) {
    fs.writeFileSync(
      path.join(root, `svc-${i}`, 'app/logging_setup.py'),
      `import logging\nlogging.basicConfig(level="INFO")  # change ${round}\n`,
    );
  }
}
