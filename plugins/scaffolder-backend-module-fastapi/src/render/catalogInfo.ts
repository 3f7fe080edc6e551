import { ANNOTATION_SOURCE_LOCATION, Entity } from '@backstage/catalog-model';
import {
  CHECKLIST_ANNOTATION,
  CHECKLIST_ENABLED,
  TEMPLATE_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { stringify } from 'yaml';
import type { SkeletonContext } from './context';

export const CATALOG_INFO_FILE = 'catalog-info.yaml';

/** Where the repository will live, when known at render time. */
export type RepositoryLocation = {
  /** `owner/name` on GitHub. */
  githubSlug?: string;
  defaultBranch?: string;
};

/** "Orders" → "Orders API"; a service already named "… API" keeps its title ("Payments API"). */
export function apiTitle(serviceTitle: string): string {
  return /\bAPI$/.test(serviceTitle) ? serviceTitle : `${serviceTitle} API`;
}

/**
 * The generated repository's catalog entities, built as data and serialised with the
 * yaml library: a Component (the service) and the API it provides, whose definition is
 * the repository's own openapi.json.
 */
export function catalogEntities(
  context: SkeletonContext,
  location: RepositoryLocation = {},
): Entity[] {
  const { values, names } = context;
  const annotations: Record<string, string> = {
    [CHECKLIST_ANNOTATION]: CHECKLIST_ENABLED,
    [TEMPLATE_ANNOTATION]: `${context.template.name}@${context.template.version}`,
    'backstage.io/techdocs-ref': 'dir:.',
  };
  if (location.githubSlug) {
    annotations['github.com/project-slug'] = location.githubSlug;
    annotations[ANNOTATION_SOURCE_LOCATION] = `url:https://github.com/${
      location.githubSlug
    }/tree/${location.defaultBranch ?? 'main'}/`;
  }
  const system = values.system ? { system: values.system } : {};
  const description = values.description
    ? { description: values.description }
    : {};
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: names.service,
        title: names.title,
        ...description,
        tags: ['fastapi', 'python'],
        annotations,
      },
      spec: {
        type: 'service',
        lifecycle: values.lifecycle,
        owner: values.owner,
        ...system,
        providesApis: [`api:${names.service}`],
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: names.service,
        title: apiTitle(names.title),
        ...description,
        tags: ['fastapi', 'openapi'],
      },
      spec: {
        type: 'openapi',
        lifecycle: values.lifecycle,
        owner: values.owner,
        ...system,
        definition: { $text: './openapi.json' },
      },
    },
  ];
}

export function catalogInfoYaml(entities: Entity[]): string {
  return entities
    .map(entity => stringify(entity, { lineWidth: 0 }))
    .join('---\n');
}
