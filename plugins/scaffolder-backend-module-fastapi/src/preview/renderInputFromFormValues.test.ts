import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TEMPLATE_DIR } from '../__testUtils__/renderHarness';
import { renderInputFromFormValues } from './renderInputFromFormValues';

describe('renderInputFromFormValues', () => {
  it("builds the render step's input exactly as template.yaml does", () => {
    const template = parseYaml(
      fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    );
    const render = template.spec.steps.find(
      (step: { action: string }) => step.action === 'fastapi:render',
    );
    // Each template input is ${{ parameters.<key> }} or ${{ parameters.<key> or '' }}.
    const expected: Record<string, string> = {};
    for (const [key, expression] of Object.entries(render.input)) {
      const match = /^\$\{\{ parameters\.(\w+)( or '')? \}\}$/.exec(
        String(expression),
      );
      expect([key, match?.[1]]).toEqual([key, key]);
      expected[key] = match?.[2] ? 'defaulted' : 'plain';
    }
    const fromForm = renderInputFromFormValues({});
    expect(Object.keys(fromForm).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, kind] of Object.entries(expected)) {
      expect([key, fromForm[key]]).toEqual([
        key,
        kind === 'defaulted' ? '' : undefined,
      ]);
    }
  });
});
