export { fastapiChecklistApiRef } from './FastapiChecklistApi';
export type { FastapiChecklistApi } from './FastapiChecklistApi';
export { FastapiChecklistClient } from './FastapiChecklistClient';
