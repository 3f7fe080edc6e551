import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import type { EvidenceLinker } from '../ChecklistItemRow';
import {
  evidenceViewUrl,
  localRepositoryViewUrl,
} from '../localRepositoryView';

/**
 * Links evidence to the file in its SCM when the entity has a url source location, or
 * in the portal's read-only view of a local repository (its view-url).
 */
export function useEvidenceLinker(entity: Entity): EvidenceLinker {
  const integrations = useApi(scmIntegrationsApiRef);
  const localView = localRepositoryViewUrl(entity);
  if (localView) return evidence => evidenceViewUrl(localView, evidence);
  const source = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  if (!source) return () => undefined;
  const { type, target } = parseLocationRef(source);
  if (type !== 'url') return () => undefined;
  return evidence => {
    try {
      return integrations.resolveUrl({
        url: evidence.path,
        base: target,
        lineNumber: evidence.line,
      });
    } catch {
      return undefined;
    }
  };
}
