export { ChecklistItemRow } from './ChecklistItemRow';
export type { EvidenceLinker } from './ChecklistItemRow';
export { StatusIcon } from './StatusIcon';
