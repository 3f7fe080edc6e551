import { createMockDirectory } from '@backstage/backend-test-utils';
import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runChecklist } from '../__testUtils__/checklistHarness';
import { runRender, TEMPLATE_DIR } from '../__testUtils__/renderHarness';
import { examples } from './checklist.examples';

/**
 * The checks a freshly rendered service may fail: none once template.yaml declares 0.2.0
 * (born Gold); while it still declares 0.1.0 the skeleton is on its way there (issue 16),
 * so only the guide's 11 are held.
 */
const declaredVersion: string = parseYaml(
  fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
).metadata.annotations['fastapi-golden-path/version'];
const mayFail: readonly string[] =
  declaredVersion === '0.1.0' ? CHECK_IDS.slice(11) : [];

describe('fastapi:checklist examples', () => {
  const workspace = createMockDirectory();
  const tempDir = createMockDirectory();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs "%s" on a freshly rendered service',
    async (_, example) => {
      workspace.clear();
      const [step] = parseYaml(example).steps;
      await runRender({
        input: {
          name: 'orders-api',
          owner: 'group:default/team-a',
          targetPath: step.input.path ?? './',
        },
        workspacePath: workspace.path,
        tempDir: tempDir.path,
      });
      const output = await runChecklist({
        input: step.input,
        workspacePath: workspace.path,
      });
      expect(output.score).toBeGreaterThanOrEqual(step.input.failBelow ?? 0);
      expect(
        (output.failing as string[]).filter(id => !mayFail.includes(id)),
      ).toEqual([]);
    },
    30_000, // a render and an analysis: seconds on a busy 2-core machine
  );
});
