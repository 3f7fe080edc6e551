export { fixRepository } from './fixRepository';
export type { AppliedFix, FixRefusal, FixReport } from './fixRepository';
export { FIXABLE_CHECKS, FIXES, fixFor } from './registry';
export type { FileEdit, Fix } from './types';
