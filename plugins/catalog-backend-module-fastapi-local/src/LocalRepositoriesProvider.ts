import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { locationSpecToLocationEntity } from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Offers every `<root>/<repository>/catalog-info.yaml` to the catalog as a `file`
 * Location. Only files directly under the configured root are ever emitted, so the
 * catalog reads local repositories without allowing `file` locations through its API.
 *
 * @public
 */
export class LocalRepositoriesProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      root: string;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return 'fastapi-golden-path-local-repositories';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:scan`,
      fn: () => this.scan(),
    });
  }

  /** Lists the repositories and replaces the provider's Locations with them. */
  async scan(): Promise<void> {
    if (!this.connection)
      throw new Error('LocalRepositoriesProvider is not connected');
    const { root, logger } = this.options;
    const dirents = await fs
      .readdir(root, { withFileTypes: true })
      .catch(() => []);
    const targets: string[] = [];
    for (const dirent of dirents) {
      if (!dirent.isDirectory()) continue;
      const target = path.join(root, dirent.name, 'catalog-info.yaml');
      const stats = await fs.lstat(target).catch(() => undefined);
      if (stats?.isFile()) targets.push(target);
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: targets.map(target => ({
        entity: locationSpecToLocationEntity({
          location: { type: 'file', target },
        }),
        locationKey: `file:${target}`,
      })),
    });
    logger.debug(`Offered ${targets.length} local repositories from ${root}`);
  }
}
