import { createMockDirectory } from '@backstage/backend-test-utils';
import { parse as parseYaml } from 'yaml';
import { listFiles, runRender } from '../__testUtils__/renderHarness';
import { examples } from './render.examples';

describe('fastapi:render examples', () => {
  const workspace = createMockDirectory();
  const tempDir = createMockDirectory();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs "%s" against the real skeleton',
    async (_, example) => {
      workspace.clear();
      const [step] = parseYaml(example).steps;
      expect(step.action).toBe('fastapi:render');
      const output = await runRender({
        input: step.input,
        workspacePath: workspace.path,
        tempDir: tempDir.path,
      });
      const target = step.input.targetPath ?? './';
      const written = listFiles(workspace.resolve(target));
      expect(written).toEqual(output.files);
      expect(written).toContain('app/main.py');
      expect(output.features).toMatchObject({
        database: step.input.database ?? 'sqlite',
      });
    },
  );
});
