export { fastapiChecklistApiRef } from './FastapiChecklistApi';
export type {
  FastapiChecklistApi,
  SummaryFilters,
} from './FastapiChecklistApi';
export { FastapiChecklistClient } from './FastapiChecklistClient';
