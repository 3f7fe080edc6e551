import { useCookieAuthRefresh } from '@backstage/plugin-auth-react';
import type { ReactNode } from 'react';
import { LOCAL_VIEW_PLUGIN_ID } from './localRepositoryView';

/**
 * Keeps the signed-in user's auth cookie fresh for the checklist backend, so links to a
 * local repository's read-only view (which a browser opens without a token) are let in,
 * wherever they appear: View Source, evidence, the task's Repository link. The content
 * renders at once; a failed refresh only means those pages ask to sign in.
 */
export function AuthCookieRefresh({ children }: { children: ReactNode }) {
  useCookieAuthRefresh({ pluginId: LOCAL_VIEW_PLUGIN_ID });
  return <>{children}</>;
}
