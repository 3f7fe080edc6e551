import {
  CHECK_IDS,
  CheckId,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Check } from './context';
import { CHECK_IMPLEMENTATIONS } from '.';

describe('CHECK_IMPLEMENTATIONS', () => {
  it('implements every check of the catalogue, and nothing else', () => {
    expect(Object.keys(CHECK_IMPLEMENTATIONS).sort()).toEqual(
      [...CHECK_IDS].sort(),
    );
  });

  it('is typed so that a missing implementation does not compile', () => {
    const { auth, ...allButAuth } = CHECK_IMPLEMENTATIONS;
    // @ts-expect-error 'auth' is a CheckId, so leaving it out is a type error
    const incomplete: Record<CheckId, Check> = allButAuth;
    expect(Object.keys(incomplete)).not.toContain('auth');
    expect(auth).toBeInstanceOf(Function);
  });
});
