import type { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * The FastAPI golden path's scaffolder actions. `fastapiGoldenPath.local` (the offline
   * publish target) is declared and read by @fastapi-golden-path/plugin-fastapi-golden-path-node.
   */
  fastapiGoldenPath?: {
    /**
     * Bounds on one fastapi:render of a skeleton, so a broken or hostile skeleton fails
     * with an error naming the limit instead of tying up the backend.
     */
    render?: {
      /**
       * Wall-clock budget for rendering the whole skeleton, checked between files: a
       * duration object such as `{ seconds: 10 }`, an ISO 8601 duration or an ms-style
       * string (`10s`). Default 10 seconds.
       */
      timeout?: HumanDuration | string;
      /**
       * Bytes written across all skeleton files together: rendered text (UTF-8) and binary
       * files copied as they are. Default 52428800 (50 MiB).
       */
      maxOutputBytes?: number;
      /**
       * Bytes of skeleton files read into memory, checked from their sizes before any is
       * read (a file reached through several symbolic links counts each time). Default
       * 52428800 (50 MiB).
       */
      maxSkeletonBytes?: number;
      /**
       * Interpreter steps (nunjitsu work units) one skeleton file may take; this is what
       * bounds a single file's time. Default 100000.
       */
      maxStepsPerFile?: number;
    };
  };
}
