import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  listFiles,
  runRender,
  TEMPLATE_DIR,
} from '../__testUtils__/renderHarness';
import { readAll, runUpgrade } from '../__testUtils__/upgradeHarness';
import { examples } from './upgrade.examples';

// Renders the real skeletons three times per example.
jest.setTimeout(60_000);

const values = {
  name: 'orders-api',
  owner: 'group:default/team-orders',
  database: 'postgresql',
};

describe('fastapi:upgrade examples', () => {
  const root = createMockDirectory();
  const workspace = createMockDirectory();
  const temp = createMockDirectory();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs "%s" from release 0.1.0 to the current skeleton',
    async (_, example) => {
      [root, workspace, temp].forEach(dir => dir.clear());
      // The examples' layout: the upgrade template in the service template's directory
      // (a file: template may not read outside its own directory).
      const service = path.join(root.path, 'fastapi-service');
      for (const dir of ['releases', 'skeleton']) {
        fs.cpSync(path.join(TEMPLATE_DIR, dir), path.join(service, dir), {
          recursive: true,
        });
      }
      await runRender({
        input: {
          ...values,
          skeleton: './releases/0.1.0/skeleton',
          targetPath: 'service',
        },
        workspacePath: workspace.path,
        templateDir: service,
        tempDir: path.join(temp.path, 'old'),
        version: '0.1.0',
      });
      const [step] = parseYaml(example).steps;
      expect(step.action).toBe('fastapi:upgrade');
      if (!step.input.answers) {
        fs.mkdirSync(workspace.resolve('service/.golden-path'), {
          recursive: true,
        });
        fs.writeFileSync(
          workspace.resolve('service/.golden-path/answers.yaml'),
          `template: fastapi-service\nversion: 0.1.0\nanswers: ${JSON.stringify(
            values,
          )}\n`,
        );
      }

      const output = await runUpgrade({
        input: step.input,
        workspacePath: workspace.path,
        templateDir: service,
        tempDir: temp.path,
      });

      expect(output).toMatchObject({
        fromVersion: '0.1.0',
        toVersion: '0.2.0',
        conflicts: [],
      });
      // An untouched service ends up as the new version renders it.
      const fresh = path.join(temp.path, 'fresh');
      await runRender({
        input: { ...values, targetPath: 'fresh' },
        workspacePath: fresh,
        templateDir: service,
        tempDir: path.join(temp.path, 'new'),
        version: '0.2.0',
      });
      const upgraded = workspace.resolve('service');
      const expected = listFiles(path.join(fresh, 'fresh'));
      expect(listFiles(upgraded)).toEqual(expected);
      expect(readAll(upgraded, expected)).toEqual(
        readAll(path.join(fresh, 'fresh'), expected),
      );
    },
  );
});
