import type { CheckId } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { ServiceContext } from '../checks/context';

/** A whole-file change: new content, or the file removed. */
export type FileEdit =
  | { path: string; content: string }
  | { path: string; deleted: true };

/** What one fix proposes for one service: edits, or why it will not touch the code. */
export type FixProposal =
  | {
      kind: 'edits';
      edits: FileEdit[];
      /** What the change does, for the change's description (one or two sentences). */
      description: string;
      /** Things the owners must do themselves (rotate a secret…). */
      notes?: string[];
    }
  | { kind: 'refused'; reason: string };

/** An automatic fix for one check. */
export type Fix = {
  checkId: CheckId;
  /** What it changes, in a phrase (the README and the action's examples list it). */
  changes: string;
  propose(service: ServiceContext): FixProposal;
};

export function refuse(reason: string): FixProposal {
  return { kind: 'refused', reason };
}
