import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles, runRender } from '../__testUtils__/renderHarness';

/**
 * Hostile skeletons through the real fastapi:render action: each must fail the render
 * with a message saying why, write nothing, and never run the code it smuggles in
 * (the code would create the sentinel file).
 */
describe('fastapi:render refuses hostile skeleton files', () => {
  const templateDir = createMockDirectory();
  const workspace = createMockDirectory();
  const tempDir = createMockDirectory();
  const sentinelDir = createMockDirectory();
  const sentinel = path.join(sentinelDir.path, 'owned.txt');

  /** JavaScript that would prove code execution by creating the sentinel. */
  const js = JSON.stringify(
    `return process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(
      sentinel,
    )}, 'x')`,
  );
  const computedConstructor = '{% set k = "constr" + "uctor" %}';

  beforeEach(() => {
    workspace.clear();
    tempDir.clear();
    sentinelDir.clear();
  });

  async function renderWith(attack: string) {
    templateDir.setContent({
      'template.yaml': 'kind: Template',
      'skeleton/app/main.py': 'NAME = ${{ values.name | py }}\n',
      'skeleton/attack.txt': attack,
      'skeleton/partials/footer.txt': 'footer\n',
    });
    return runRender({
      input: {
        name: 'orders-api',
        description: 'Takes orders',
        owner: 'group:default/team-a',
      },
      workspacePath: workspace.path,
      templateDir: templateDir.path,
      tempDir: tempDir.path,
    });
  }

  const attacks: [string, string, string | RegExp][] = [
    // The payload from issue 11, and constructor chains from every global, literal and filter.
    [
      'range.constructor',
      `\${{ range.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'a string literal',
      `\${{ "".constructor.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'an array literal',
      `\${{ [].constructor.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'an object literal',
      `\${{ ({}).constructor.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'a number literal',
      `\${{ (1).constructor.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'cycler',
      `\${{ cycler(1, 2).next.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'joiner',
      `\${{ joiner().constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'loop',
      `{% for x in [1] %}\${{ loop.constructor.constructor(${js})() }}{% endfor %}`,
      'Template name "constructor" is reserved',
    ],
    [
      'a macro',
      `{% macro m() %}{% endmacro %}\${{ m.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'caller',
      `{% macro m() %}\${{ caller.constructor(${js})() }}{% endmacro %}{% call m() %}x{% endcall %}`,
      'Template name "constructor" is reserved',
    ],
    [
      'the context',
      `\${{ values.name.constructor.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'our py filter',
      `\${{ py.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'a filter result',
      `\${{ (values.name | py).constructor.constructor(${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'a subscript',
      `\${{ range["constructor"](${js})() }}`,
      'Template name "constructor" is reserved',
    ],
    [
      'a computed name on range',
      `${computedConstructor}\${{ range[k](${js})() }}`,
      'resolved to undefined and cannot be called',
    ],
    [
      'a computed name on a string',
      `${computedConstructor}\${{ ""[k][k](${js})() }}`,
      'resolved to undefined and cannot be called',
    ],
    [
      'a computed name on loop',
      `${computedConstructor}{% for x in [1] %}\${{ loop[k][k](${js})() }}{% endfor %}`,
      'resolved to undefined and cannot be called',
    ],
    // Prototypes.
    [
      '__proto__',
      '${{ values.__proto__ }}',
      'Template name "__proto__" is reserved',
    ],
    [
      'prototype',
      '${{ range.prototype }}',
      'Template name "prototype" is reserved',
    ],
    [
      'a computed __proto__',
      '{% set k = "__pro" + "to__" %}${{ values[k] }}',
      'output got an undefined value',
    ],
    // Attributes of functions, and host globals.
    [
      'call on a function',
      '${{ range.call }}',
      'output got an undefined value',
    ],
    [
      'apply on a filter',
      `\${{ py.apply(null, [${js}]) }}`,
      'resolved to undefined and cannot be called',
    ],
    [
      'bind on a global',
      '${{ joiner.bind(null)() }}',
      'resolved to undefined and cannot be called',
    ],
    ['a function as text', '${{ range }}', 'Callable values cannot be coerced'],
    [
      'process',
      `\${{ process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(
        sentinel,
      )}, "x") }}`,
      'resolved to undefined and cannot be called',
    ],
    [
      'require',
      `\${{ require("fs").writeFileSync(${JSON.stringify(sentinel)}, "x") }}`,
      'resolved to undefined and cannot be called',
    ],
    [
      'globalThis',
      '${{ globalThis.process }}',
      'output got an undefined value',
    ],
    [
      'a regular expression',
      '${{ values.name | replace(r/(a+)+$/, "x") }}',
      'Regular-expression replacement is disabled',
    ],
    // Template loading: nothing outside (or inside) the skeleton is read.
    [
      'include of a parent path',
      '{% include "../template.yaml" %}',
      'Unsupported template-loading tag "include"',
    ],
    [
      'include of an absolute path',
      '{% include "/etc/passwd" %}',
      'Unsupported template-loading tag "include"',
    ],
    [
      'include inside the skeleton',
      '{% include "partials/footer.txt" %}',
      'Unsupported template-loading tag "include"',
    ],
    [
      'import of a parent path',
      '{% import "../../secrets.njk" as s %}',
      'Unsupported template-loading tag "import"',
    ],
    [
      'from-import of an absolute path',
      '{% from "/etc/hosts" import x %}',
      'Unsupported template-loading tag "from"',
    ],
    [
      'extends of a parent path',
      '{% extends "../template.yaml" %}',
      'Unsupported template-loading tag "extends"',
    ],
    // Unbounded work: each stops at a limit that the message names.
    [
      'a loop without end',
      '{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}',
      /exceeded the work unit limit of 100000 .*fastapiGoldenPath\.render\.maxStepsPerFile/,
    ],
    [
      'macro recursion without end',
      '{% macro m() %}${{ m() }}{% endmacro %}${{ m() }}',
      'exceeded the nesting depth limit of 256',
    ],
    [
      'macro recursion that doubles',
      '{% macro m(n) %}${{ m(n) }}${{ m(n) }}{% endmacro %}${{ m(1) }}',
      'exceeded the nesting depth limit of 256',
    ],
    [
      'an output bomb',
      '{% set s = "x" %}{% for i in range(20) %}{% set s = s + s %}{% endfor %}' +
        '{% for i in range(60) %}${{ s }}{% endfor %}',
      "stopped: the skeleton's output exceeds 52428800 bytes (the limit is set by fastapiGoldenPath.render.maxOutputBytes)",
    ],
    [
      'a 1 GiB string',
      '{% set s = "x" %}{% for i in range(30) %}{% set s = s + s %}{% endfor %}${{ s | length }}',
      /Invalid string length|exceeded the scratch byte limit/,
    ],
  ];

  it.each(attacks)(
    'from %s, with a clear message and no side effect',
    async (_name, attack, message) => {
      await expect(renderWith(attack)).rejects.toThrow(message);
      await expect(renderWith(attack)).rejects.toThrow(
        /Rendering skeleton file attack\.txt (failed|stopped)/,
      );
      expect(fs.existsSync(sentinel)).toBe(false);
      expect(listFiles(workspace.path)).toEqual([]);
    },
    30_000,
  );

  it('still renders an honest skeleton in the same process afterwards', async () => {
    await renderWith('${{ values.name }} ok\n');
    expect(
      fs.readFileSync(path.join(workspace.path, 'attack.txt'), 'utf8'),
    ).toBe('orders-api ok\n');
  });
});
