import { rm } from 'node:fs/promises';

/** Removes the run's publish root once the portal has stopped. */
export default async function removeLocalRoot() {
  const root = process.env.E2E_LOCAL_ROOT;
  if (root) await rm(root, { recursive: true, force: true });
}
