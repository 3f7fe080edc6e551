import {
  KEBAB_NAME,
  MAX_RESOURCE_LENGTH,
  parseRenderParameters,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import { readTemplate } from './__testUtils__/templateDirectory';

const template = readTemplate();
const pages: { title: string; properties: Record<string, any> }[] =
  template.spec.parameters;

describe('the Create service form', () => {
  it('has the Service, Features and Repository pages', () => {
    expect(pages.map(p => p.title)).toEqual([
      'Service',
      'Features',
      'Repository',
    ]);
  });

  it('uses the same name and resource pattern as fastapi:render', () => {
    const { name } = pages[0].properties;
    const { resource } = pages[1].properties;
    for (const field of [name, resource]) {
      expect(new RegExp(field.pattern).source).toBe(KEBAB_NAME.source);
      // the rule is in the description: ui:help turns red and repeats the error
      expect(field.description).toMatch(
        /lowercase letters, digits and single hyphens/,
      );
      expect(field['ui:help']).toBeUndefined();
    }
    expect([name.minLength, name.maxLength]).toEqual([2, 63]);
    expect([resource.minLength, resource.maxLength]).toEqual([
      2,
      MAX_RESOURCE_LENGTH,
    ]);
  });

  it('has defaults on every Features field that fastapi:render accepts as they are', () => {
    const features = pages[1].properties;
    const defaults = Object.fromEntries(
      Object.entries(features).map(([key, field]) => [key, field.default]),
    );
    expect(Object.values(defaults).every(value => value !== undefined)).toBe(
      true,
    );
    const params = parseRenderParameters({
      name: 'orders-api',
      owner: 'group:default/team-a',
      lifecycle: pages[0].properties.lifecycle.default,
      ...defaults,
    });
    expect(params).toMatchObject({
      database: 'sqlite',
      auth: 'jwt',
      resource: 'items',
      workers: 4,
    });
  });

  it('passes every form field to fastapi:render', () => {
    const render = template.spec.steps.find(
      (s: { id: string }) => s.id === 'render',
    );
    const formFields = [
      ...Object.keys(pages[0].properties),
      ...Object.keys(pages[1].properties),
    ];
    // repoUrl feeds the GitHub annotations of catalog-info.yaml.
    expect(Object.keys(render.input).sort()).toEqual(
      [...formFields, 'repoUrl'].sort(),
    );
  });

  it('checks the target, runs render and checklist, then publishes and registers on the chosen target', () => {
    expect(
      template.spec.steps.map((s: { action: string; if?: string }) => [
        s.action,
        s.if ?? 'always',
      ]),
    ).toEqual([
      ['fastapi:validate-target', 'always'],
      ['fastapi:render', 'always'],
      ['fastapi:checklist', 'always'],
      ['publish:github', "${{ parameters.publishTarget == 'github' }}"],
      ['catalog:register', "${{ parameters.publishTarget == 'github' }}"],
      ['fastapi:local:publish', "${{ parameters.publishTarget == 'local' }}"],
      ['fastapi:local:register', "${{ parameters.publishTarget == 'local' }}"],
    ]);
    expect(pages[2].properties.publishTarget.default).toBe('local');
  });
});
