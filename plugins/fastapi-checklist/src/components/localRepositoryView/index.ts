export {
  evidenceViewUrl,
  LOCAL_VIEW_PLUGIN_ID,
  localRepositoryViewUrl,
} from './localRepositoryView';
export { AuthCookieRefresh } from './AuthCookieRefresh';
export { useViewSourceIconLinkProps } from './useViewSourceIconLinkProps';
