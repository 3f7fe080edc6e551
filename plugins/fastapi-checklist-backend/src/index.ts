/**
 * Live FastAPI production-readiness checklists for catalog entities.
 *
 * @packageDocumentation
 */
export { fastapiChecklistPlugin as default } from './plugin';
