import type {
  ChecklistHistoryEntry,
  ChecklistResult,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { CheckStates } from './checkStates';

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
  /** How often the entity has been evaluated (analysed or found unchanged). */
  evaluations?: number;
};

/** What the org-wide summary needs of an entity's latest evaluation (no result body). */
export type StoredSummary = {
  entityRef: string;
  status: 'ok' | 'error';
  score: number | null;
  previousScore: number | null;
  /** Ids of the failing checks. */
  failing: string[];
  /** Each check's real status and the expiry of the waiver covering it (see CheckStates). */
  checks: CheckStates;
  evaluatedAt: string;
  evaluations: number;
};

/** A claim on an entity's evaluation: who holds it and until when (epoch ms). */
export type EvaluationClaim = {
  owner: string;
  /** The claim ends here unless renewed; after that, another replica may take over. */
  expiresAt: number;
};

/**
 * Latest checklist result, bounded history and the evaluation queue per entity. The
 * queue is what lets several replicas on one database evaluate each entity once: an
 * evaluation runs only under a claim, and its result is saved only while the claim holds.
 */
export interface ChecklistStore {
  get(entityRef: string): Promise<StoredChecklist | undefined>;
  /** The latest results of these entities (one query per chunk); never-evaluated ones left out. */
  getMany(entityRefs: string[]): Promise<Map<string, StoredChecklist>>;
  /** Summaries of these entities' latest results; entities never evaluated are left out. */
  getSummaries(entityRefs: string[]): Promise<Map<string, StoredSummary>>;
  /** Summaries of every stored latest result (the whole table, one query). */
  getAllSummaries(): Promise<Map<string, StoredSummary>>;
  /**
   * A number the database moves whenever a write to the latest results commits, on
   * whichever replica (a trigger moves it in the writing transaction). Read it before
   * reading summaries: while it is unchanged, so are they.
   */
  summaryGeneration(): Promise<string>;
  /**
   * Saves an evaluation as the latest result. It is appended to the history (keeping the
   * newest `historyLimit` entries of the entity) only when something changed: the source
   * version, status, error, score or failing checks. Otherwise only its time moves, so
   * repeated identical results never push real history out.
   */
  save(record: StoredChecklist, historyLimit: number): Promise<void>;
  /** Past evaluations, newest first. */
  history(entityRef: string): Promise<ChecklistHistoryEntry[]>;

  /** Queues entities for evaluation; ones already queued keep their place. Returns how many were added. */
  enqueue(entityRefs: string[], now: number): Promise<number>;
  /** Queues those of these entities that were never evaluated and are not queued. */
  enqueueUnevaluated(entityRefs: string[], now: number): Promise<number>;
  /**
   * Claims up to `limit` queued entities nobody holds (or whose claim expired), oldest
   * first. On PostgreSQL, concurrent claimers skip each other's rows (SKIP LOCKED).
   */
  claimQueued(
    claim: EvaluationClaim,
    limit: number,
    now: number,
  ): Promise<string[]>;
  /** Claims one entity now (queued or not) unless another holder's claim is still valid. */
  claim(
    entityRef: string,
    claim: EvaluationClaim,
    now: number,
  ): Promise<boolean>;
  /** The current claim on an entity, if any. */
  claimOf(entityRef: string): Promise<EvaluationClaim | undefined>;
  /** Extends the holder's claims (long evaluations keep them while they run). */
  renew(entityRefs: string[], claim: EvaluationClaim): Promise<void>;
  /** Gives up the holder's claim and drops the entity from the queue without a result. */
  release(entityRef: string, owner: string): Promise<void>;
  /**
   * Saves the result of a claimed evaluation and removes the entity from the queue, in one
   * transaction, only if `owner` still holds the claim. False (and nothing written) when
   * the claim was lost, e.g. taken over after it expired.
   */
  complete(
    record: StoredChecklist,
    owner: string,
    historyLimit: number,
  ): Promise<boolean>;
  /**
   * {@link ChecklistStore.complete} for several evaluations in one transaction: those
   * whose outcome is unchanged cost one statement together. Returns the refs whose claim
   * `owner` still held (and whose results were saved).
   */
  completeMany(
    records: StoredChecklist[],
    owner: string,
    historyLimit: number,
  ): Promise<Set<string>>;
}
