import { useApi } from '@backstage/core-plugin-api';
import {
  ScmIntegrationIcon,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import {
  getEntitySourceLocation,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { localRepositoryViewUrl } from './localRepositoryView';

/**
 * The About card's "View Source" link: the catalog's own (the source location), except
 * for a local repository, whose `file:` location a browser cannot open; that one opens
 * the repository's read-only view (its view-url).
 */
export function useViewSourceIconLinkProps() {
  const { entity } = useEntity();
  const integrations = useApi(scmIntegrationsApiRef);
  const localView = localRepositoryViewUrl(entity);
  const source = localView
    ? undefined
    : getEntitySourceLocation(entity, integrations);
  const href = localView ?? source?.locationTargetUrl;
  return {
    label: 'View Source',
    disabled: !href,
    icon: <ScmIntegrationIcon type={source?.integrationType} />,
    href,
  };
}
