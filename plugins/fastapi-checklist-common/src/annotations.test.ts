import {
  CHECKLIST_ANNOTATION,
  CHECKLIST_ENABLED_FILTER,
  isChecklistEnabled,
} from './annotations';

describe('isChecklistEnabled', () => {
  const entity = (annotations?: Record<string, string>) => ({
    metadata: { annotations },
  });

  it('is true only when the checklist annotation says enabled', () => {
    expect(
      isChecklistEnabled(entity({ [CHECKLIST_ANNOTATION]: 'enabled' })),
    ).toBe(true);
    expect(
      isChecklistEnabled(entity({ [CHECKLIST_ANNOTATION]: 'disabled' })),
    ).toBe(false);
    expect(isChecklistEnabled(entity({}))).toBe(false);
    expect(isChecklistEnabled(entity())).toBe(false);
  });

  it('has a catalog filter that selects the same entities', () => {
    expect(CHECKLIST_ENABLED_FILTER).toEqual({
      'metadata.annotations.fastapi-golden-path/checklist': 'enabled',
    });
  });
});
