/**
 * The FastAPI production-readiness checklist: its checks, result types and score.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './checks';
export * from './score';
export * from './levels';
export * from './waivers';
export * from './config';
export * from './annotations';
export * from './api';
export * from './summaryQuery';
export * from './permissions';
export * from './upgradeRecord';
export * from './upgradeChange';
export * from './fixPreview';
export * from './inferredAnswers';
export * from './fleetFixes';
