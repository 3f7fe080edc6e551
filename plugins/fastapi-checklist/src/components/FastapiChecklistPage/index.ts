export { FastapiChecklistPage } from './FastapiChecklistPage';
