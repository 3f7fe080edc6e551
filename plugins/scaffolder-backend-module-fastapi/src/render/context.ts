import { inflect, pascalCase, snakeCase, titleCase } from './identifiers';
import type { RenderParameters } from './parameters';

/**
 * Where the rendered repository says it came from.
 *
 * @public
 */
export type TemplateProvenance = { name: string; version: string };

/**
 * Everything a skeleton file can see when it renders (see buildSkeletonContext).
 *
 * @public
 */
export type SkeletonContext = ReturnType<typeof buildSkeletonContext>;

/**
 * Everything the skeleton can see, derived once here so templates never compute
 * names themselves. User values stay plain data.
 *
 * @public
 */
export function buildSkeletonContext(
  params: RenderParameters,
  template: TemplateProvenance,
) {
  const module = snakeCase(params.name);
  const { singular, plural } = inflect(snakeCase(params.resource));
  return {
    values: {
      name: params.name,
      description: params.description,
      owner: params.owner,
      system: params.system,
      lifecycle: params.lifecycle,
      pythonVersion: params.pythonVersion,
      database: params.database,
      auth: params.auth,
      resource: params.resource,
      websockets: params.websockets,
      backgroundTasks: params.backgroundTasks,
      corsOrigins: params.corsOrigins,
      workers: params.workers,
    },
    names: {
      service: params.name,
      module,
      title: titleCase(params.name),
    },
    resource: {
      plural,
      singular,
      className: pascalCase(singular),
      title: titleCase(plural),
      singularTitle: titleCase(singular),
      path: `/${plural.replace(/_/g, '-')}`,
      table: singular,
    },
    server: {
      /**
       * Worker processes the container runs. Without a database the in-memory store
       * lives in one process, so such a service runs one worker whatever was asked:
       * the one home of that rule (templates and the action read this value).
       */
      workers: params.database === 'none' ? 1 : params.workers,
    },
    features: {
      database: params.database !== 'none',
      sqlite: params.database === 'sqlite',
      postgresql: params.database === 'postgresql',
      auth: params.auth === 'jwt',
      websockets: params.websockets,
      backgroundTasks: params.backgroundTasks,
    },
    template,
  };
}

/** Feature summary handed to later steps (and shown in task output). */
export function featureSummary(context: SkeletonContext) {
  const { values, server } = context;
  return {
    database: values.database,
    auth: values.auth,
    resource: values.resource,
    websockets: values.websockets,
    backgroundTasks: values.backgroundTasks,
    pythonVersion: values.pythonVersion,
    workers: server.workers,
    corsOrigins: values.corsOrigins,
  };
}
