import type { TemplateParameterSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The values a template's form starts with (each property's `default`, every step), as
 * if the form were submitted without changing anything.
 */
export function formDefaults(
  schema: TemplateParameterSchema,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const step of schema.steps) {
    const properties = (step.schema?.properties ?? {}) as Record<
      string,
      { default?: unknown } | undefined
    >;
    for (const [name, property] of Object.entries(properties)) {
      if (property?.default !== undefined) values[name] = property.default;
    }
  }
  return values;
}
