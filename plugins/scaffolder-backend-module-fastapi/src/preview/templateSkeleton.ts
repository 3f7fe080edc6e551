import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const DEFAULT_SKELETON = './skeleton';

type TemplateStep = { action?: unknown; input?: Record<string, unknown> };

/**
 * Where a template's fastapi:render step takes its skeleton from, as the scaffolder
 * would resolve it: the template's location (its base URL) and the step's literal
 * `skeleton` input. A template without a fastapi:render step has nothing to preview.
 */
export function templateSkeleton(template: Entity): {
  baseUrl: string;
  skeleton: string;
} {
  if (template.kind.toLocaleLowerCase('en-US') !== 'template') {
    throw new InputError(`${template.metadata.name} is not a Template`);
  }
  const steps = (template.spec?.steps ?? []) as TemplateStep[];
  const render = steps.find(step => step.action === 'fastapi:render');
  if (!render) {
    throw new InputError(
      `Template ${template.metadata.name} has no fastapi:render step to preview`,
    );
  }
  const skeleton = render.input?.skeleton ?? DEFAULT_SKELETON;
  if (typeof skeleton !== 'string' || skeleton.includes('${{')) {
    throw new InputError(
      'Only a template whose skeleton location is a literal can be previewed',
    );
  }
  const annotations = template.metadata.annotations ?? {};
  const location =
    annotations[ANNOTATION_SOURCE_LOCATION] ?? annotations[ANNOTATION_LOCATION];
  if (!location) {
    throw new InputError(
      `Template ${template.metadata.name} has no location to read its skeleton from`,
    );
  }
  // The same base URL the scaffolder gives the template's actions.
  const { type, target } = parseLocationRef(location);
  if (type === 'url') return { baseUrl: target, skeleton };
  if (type === 'file') return { baseUrl: `file://${target}`, skeleton };
  throw new InputError(
    `Template ${template.metadata.name} has a location of type "${type}", which cannot be previewed`,
  );
}
