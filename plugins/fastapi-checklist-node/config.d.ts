import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** The FastAPI production-readiness checklist. */
  fastapiChecklist?: {
    /**
     * Org-wide tuning per check id (response-models, auth, input-validation,
     * exception-handlers, cors, env-secrets, tests, dockerfile, workers, logging, health).
     * Unknown ids fail at startup.
     */
    checks?: {
      [checkId: string]: {
        /** Set to false to leave the check out of results and scores. */
        enabled?: boolean;
        /** required: a failing check fails; recommended: it only warns. */
        severity?: 'required' | 'recommended';
      };
    };
    /**
     * The levels of readiness, lowest first; each lists the check ids it adds to the
     * level before it, and a service reaches a level when each check of it and of every
     * lower level passes, is not applicable or is waived (a warning does not meet it).
     * Default: Bronze (the FastAPI guide's 11 checks), Silver (+ tracing, metrics,
     * request-id, probes), Gold (+ security-headers, rate-limit, dependency-lock,
     * dependency-updates, migrations, ci). An empty level, a repeated name or check, an
     * unknown check id, or the name "none" stops the backend at startup.
     */
    levels?: Array<{
      /** Shown on the card and the org page, e.g. Silver. */
      name: string;
      /** Check ids this level adds. */
      checks: string[];
    }>;
    /**
     * What one analysis may read and spend (the backend's checks and the
     * fastapi:checklist action). Analyses run in worker threads.
     */
    analysis?: {
      /** Larger files are skipped, listed in the result and lower the verdicts they could affect. Default 524288 (512 KiB). */
      maxFileBytes?: number;
      /** Files beyond this count are skipped the same way. Default 20000. */
      maxFiles?: number;
      /** A repository holding more bytes in all is refused with an error naming this key. Default 33554432 (32 MiB). */
      maxTotalBytes?: number;
      /** Parsing one repository's Python files for longer gives an error naming this key. Default 60 seconds. */
      parseTimeout?: HumanDuration | string;
      /** Wall time of one analysis: its worker is terminated and the result is an error naming this key. Default 2 minutes. */
      timeout?: HumanDuration | string;
      /** Worker threads per plugin (backend, scaffolder). Default: the cores minus one, 1 to 4. */
      workers?: number;
      /** Heap of each worker thread in MB; an analysis needing more gives an error naming this key. Default 1024. */
      workerMaxHeapMb?: number;
    };
  };
}
