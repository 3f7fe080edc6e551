import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  decodeCheckStates,
  encodeCheckStates,
  STORED_CHECK_ORDER,
} from './checkStates';

const migration = require('../../migrations/20261130010000_result_checks.js');

describe('stored check states', () => {
  it('knows every check of the catalogue, each once, and only appends to the migration’s order', () => {
    for (const id of CHECK_IDS) expect(STORED_CHECK_ORDER).toContain(id);
    expect(new Set(STORED_CHECK_ORDER).size).toBe(STORED_CHECK_ORDER.length);
    expect(STORED_CHECK_ORDER.slice(0, migration.CHECK_ORDER.length)).toEqual(
      migration.CHECK_ORDER,
    );
  });

  it('round-trips statuses, absences and waiver expiries in a few bytes', () => {
    const states = {
      'response-models': 'pass',
      auth: 'fail@2027-01-31',
      cors: 'warn@2026-12-01',
      tests: 'not-applicable',
      health: 'error',
      ci: 'pass',
    };
    const text = encodeCheckStates(states);
    expect(text).toBe('1pf--w-n---e---------p;1=2027-01-31;4=2026-12-01');
    expect(decodeCheckStates(text)).toEqual(states);
    expect(encodeCheckStates({})).toBe('1');
    expect(decodeCheckStates('1')).toEqual({});
  });

  it('reads the first, JSON, form and keeps it for a check it cannot place', () => {
    expect(decodeCheckStates('{"auth":"fail@2027-01-31"}')).toEqual({
      auth: 'fail@2027-01-31',
    });
    const unknown = { auth: 'pass', 'not-a-check': 'fail' };
    expect(encodeCheckStates(unknown)).toBe(JSON.stringify(unknown));
    expect(decodeCheckStates(encodeCheckStates(unknown))).toEqual(unknown);
    expect(() => decodeCheckStates('9xyz')).toThrow(
      'Unknown stored check states "9xyz"',
    );
  });
});
