import {
  InferredAnswers,
  TEMPLATE_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { isScalar, LineCounter, parseAllDocuments } from 'yaml';

export const CATALOG_INFO_FILE = 'catalog-info.yaml';

const KEBAB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const LIFECYCLES = ['experimental', 'production', 'deprecated'];
/** A released version names a folder: strict x.y.z only. */
const RELEASE_VERSION = /^\d+\.\d+\.\d+$/;
/** The Create form's limits (template.yaml), so a value the form refuses is not offered. */
const MAX_NAME = 63;
const MAX_DESCRIPTION = 2000;

type CatalogAnswers = Pick<
  InferredAnswers,
  'name' | 'description' | 'owner' | 'system' | 'lifecycle' | 'createdFrom'
>;

/**
 * The answers the repository's catalog-info.yaml states: the Component made from a
 * golden-path template (exactly one), its name, description, owner, system, lifecycle
 * and the template version in its template annotation. Read as YAML data; a value the
 * Create form would refuse, or a file with several such Components, states nothing.
 */
export function catalogAnswers(files: Map<string, Buffer>): CatalogAnswers {
  const content = files.get(CATALOG_INFO_FILE);
  if (!content) return {};
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(content.toString('utf8'), {
    lineCounter,
  });
  if (!Array.isArray(documents)) return {};
  const components = documents.filter(
    doc =>
      doc.errors.length === 0 &&
      doc.getIn(['kind']) === 'Component' &&
      typeof doc.getIn(['metadata', 'annotations', TEMPLATE_ANNOTATION]) ===
        'string',
  );
  if (components.length !== 1) return {};
  const [component] = components;
  const at = <T>(keys: string[], accept: (value: unknown) => value is T) => {
    const node = component.getIn(keys, true);
    if (!isScalar(node) || !accept(node.value) || !node.range) return undefined;
    return {
      value: node.value,
      path: CATALOG_INFO_FILE,
      line: lineCounter.linePos(node.range[0]).line,
    };
  };
  const text =
    (test: (value: string) => boolean) =>
    (value: unknown): value is string =>
      typeof value === 'string' && test(value);
  const answers: CatalogAnswers = {
    name: at(
      ['metadata', 'name'],
      text(v => KEBAB_NAME.test(v) && v.length >= 2 && v.length <= MAX_NAME),
    ),
    description: at(
      ['metadata', 'description'],
      text(v => v.length <= MAX_DESCRIPTION),
    ),
    owner: at(
      ['spec', 'owner'],
      text(v => v.trim() !== ''),
    ),
    system: at(
      ['spec', 'system'],
      text(v => v.trim() !== ''),
    ),
    lifecycle: at(
      ['spec', 'lifecycle'],
      text(v => LIFECYCLES.includes(v)),
    ),
  };
  const template = at(
    ['metadata', 'annotations', TEMPLATE_ANNOTATION],
    text(v => RELEASE_VERSION.test(v.split('@')[1] ?? '')),
  );
  if (template) {
    answers.createdFrom = { ...template, value: template.value.split('@')[1] };
  }
  return Object.fromEntries(
    Object.entries(answers).filter(([, answer]) => answer !== undefined),
  );
}
