/**
 * The code each worker thread starts with. From TypeScript sources (jest, `backstage-cli
 * package start`) the thread needs Backstage's own node transform to load the worker
 * module: `package start` passes it to every thread in execArgv, jest does not, so it is
 * registered here when the thread has none. A built package ships JavaScript.
 */
export const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.transform && !require.extensions['.ts']) require(workerData.transform);
require(workerData.entry);
`;

/** The worker module (the package's `./analysisWorker` export) and, for sources, the transform. */
export function workerEntry(): { entry: string; transform?: string } {
  const entry = require.resolve(
    '@fastapi-golden-path/plugin-fastapi-checklist-node/analysisWorker',
  );
  return {
    entry,
    transform: /\.ts$/.test(entry)
      ? require.resolve('@backstage/cli/config/nodeTransform.cjs')
      : undefined,
  };
}
