import { createMockDirectory } from '@backstage/backend-test-utils';
import { parse as parseYaml } from 'yaml';
import { runChecklist } from '../__testUtils__/checklistHarness';
import { runRender } from '../__testUtils__/renderHarness';
import { examples } from './checklist.examples';

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
      // The golden path is born Gold: nothing fails.
      expect(output.failing).toEqual([]);
      expect(output.score).toBe(100);
    },
    30_000, // a render and an analysis: seconds on a busy 2-core machine
  );
});
