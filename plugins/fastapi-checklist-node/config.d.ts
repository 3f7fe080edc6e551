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
  };
}
