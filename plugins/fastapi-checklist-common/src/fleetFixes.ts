/**
 * One service of GET /fixes?check=…: it fails or warns the check (no active waiver), and
 * the caller may re-check it, so may open its fix.
 *
 * @public
 */
export type FleetFixRow = {
  entityRef: string;
  title?: string;
  owner?: string;
  /** The template it was made from (the annotation's name), e.g. fastapi-service. */
  template?: string;
  status: 'fail' | 'warn';
};

/**
 * GET /fixes: the checks with an automatic fix, each with how many services the caller
 * may fix fail or warn it; with `?check=`, those services. Services the caller may read
 * but not re-check are counted apart and not offered.
 *
 * @public
 */
export type FleetFixes = {
  /** Every check with an automatic fix, in the analyzer's order. */
  checks: { id: string; services: number }[];
  /** The asked check, when there is one. */
  check?: string;
  /** The services failing or warning the asked check that the caller may fix. */
  rows: FleetFixRow[];
  /** Services failing or warning the asked check that the caller may read but not re-check. */
  notOffered: number;
};
