/**
 * A re-check asked for within `refresh.minInterval` of the entity's last evaluation. The
 * router answers 429 with Retry-After; the card already waits for `refreshAvailableAt`.
 */
export class RefreshTooSoonError extends Error {
  override readonly name = 'RefreshTooSoonError';

  constructor(
    entityRef: string,
    /** Milliseconds until a re-check is accepted. */
    readonly retryAfterMs: number,
  ) {
    super(
      `${entityRef} was evaluated moments ago; re-check again in ${Math.ceil(
        retryAfterMs / 1000,
      )} s`,
    );
  }
}
