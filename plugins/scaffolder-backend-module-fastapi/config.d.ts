export interface Config {
  /** The FastAPI golden path's scaffolder actions. */
  fastapiGoldenPath?: {
    /**
     * The offline publish target: generated services become git repositories on this
     * machine and are registered in the catalog as file locations.
     */
    local?: {
      /**
       * Directory holding the generated repositories; relative paths resolve from the
       * backend's working directory. Every repository is created inside it.
       */
      root: string;
      /** Commit author when the task's user has no name or email in the catalog. */
      defaultAuthor?: {
        name?: string;
        email?: string;
      };
    };
  };
}
