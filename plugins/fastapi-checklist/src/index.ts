/**
 * The FastAPI production-readiness checklist: entity card and org-wide page.
 *
 * @packageDocumentation
 */
export {
  fastapiChecklistPlugin,
  EntityFastapiChecklistCard,
  FastapiChecklistPage,
} from './plugin';
export { isFastapiChecklistAvailable } from './components/EntityFastapiChecklistCard';
export { fastapiChecklistApiRef, FastapiChecklistClient } from './api';
export type { FastapiChecklistApi } from './api';
