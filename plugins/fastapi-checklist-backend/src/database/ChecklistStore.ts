import type {
  ChecklistHistoryEntry,
  ChecklistResult,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** One evaluation of an entity's checklist, as stored. */
export type StoredChecklist = {
  entityRef: string;
  /** Version of the source the result was computed from. */
  etag?: string;
  status: 'ok' | 'error';
  error?: string;
  result?: ChecklistResult;
  evaluatedAt: string;
  /** Score of the evaluation before this one. */
  previousScore?: number | null;
};

/** Latest checklist result and bounded history per entity. */
export interface ChecklistStore {
  get(entityRef: string): Promise<StoredChecklist | undefined>;
  /** The stored results of these entities; entities never evaluated are left out. */
  getMany(entityRefs: string[]): Promise<Map<string, StoredChecklist>>;
  /**
   * Saves a new evaluation as the latest result and appends it to the history, keeping
   * the newest `historyLimit` history entries of the entity.
   */
  save(record: StoredChecklist, historyLimit: number): Promise<void>;
  /** Records that an unchanged source was checked again, without a new history entry. */
  touch(entityRef: string, evaluatedAt: string): Promise<void>;
  /** Past evaluations, newest first. */
  history(entityRef: string): Promise<ChecklistHistoryEntry[]>;
}
