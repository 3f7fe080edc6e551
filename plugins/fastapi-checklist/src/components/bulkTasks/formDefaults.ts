import type {
  ScaffolderScaffoldOptions,
  TemplateParameterSchema,
} from '@backstage/plugin-scaffolder-react';

/** A task's form values: JSON, as the scaffolder takes them. */
export type FormValues = ScaffolderScaffoldOptions['values'];

/**
 * The values a template's form starts with (each property's `default`, every step), as
 * if the form were submitted without changing anything.
 */
export function formDefaults(schema: TemplateParameterSchema): FormValues {
  const values: FormValues = {};
  for (const step of schema.steps) {
    const properties = (step.schema?.properties ?? {}) as Record<
      string,
      { default?: FormValues[string] } | undefined
    >;
    for (const [name, property] of Object.entries(properties)) {
      if (property?.default !== undefined) values[name] = property.default;
    }
  }
  return values;
}
