/**
 * Where the read-only view of the local repositories is served: the checklist backend
 * mounts it, the local publish action links to it (entity view-url, task output).
 *
 * @public
 */
export const LOCAL_REPOSITORY_VIEW = {
  pluginId: 'fastapi-checklist',
  path: '/local',
} as const;

/**
 * The view's URL of a local repository (its root, or a file inside it), from the
 * checklist backend's external base URL (the discovery service's `getExternalBaseUrl`).
 *
 * @public
 */
export function localRepositoryViewUrl(
  checklistExternalBaseUrl: string,
  repository: string,
  filepath = '',
): string {
  const encoded = [repository, ...filepath.split('/').filter(Boolean)]
    .map(encodeURIComponent)
    .join('/');
  const trailing = filepath === '' || filepath.endsWith('/') ? '/' : '';
  return `${checklistExternalBaseUrl.replace(/\/$/, '')}${
    LOCAL_REPOSITORY_VIEW.path
  }/${encoded}${trailing}`;
}
