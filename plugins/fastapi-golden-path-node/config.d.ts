import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** The FastAPI golden path's scaffolding: its template, actions and publish targets. */
  fastapiGoldenPath?: {
    /**
     * The offline publish target: generated services become git repositories on this
     * machine, the catalog picks them up as file locations, and the checklist backend
     * reads them from disk. Leave it out to turn the local target off everywhere.
     */
    local?: {
      /**
       * Directory holding the generated repositories; relative paths resolve from the
       * backend's working directory. Every repository is created inside it.
       */
      root: string;
      /**
       * How often the catalog looks for new or removed local repositories: a duration
       * object such as `{ seconds: 5 }`, an ISO 8601 duration or an ms-style string
       * (`10s`). Default 10 seconds.
       */
      scanInterval?: HumanDuration | string;
      /** Commit author when the task's user has no name or email in the catalog. */
      defaultAuthor?: {
        name?: string;
        email?: string;
      };
    };
  };
}
