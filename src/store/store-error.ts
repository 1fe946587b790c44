/** Why a database could not be opened, migrated or used. */
export type StoreErrorCode =
  | 'open-failed'
  | 'not-a-database'
  | 'foreign-database'
  | 'schema-too-new'
  | 'migration-failed'
  | 'unsupported-url'
  | 'busy'
  | 'read-only'
  | 'bad-cursor'
  | 'no-database'
  | 'schema-outdated';

/**
 * An error the CLI can print as is: the message names the database and says what to do.
 * The underlying driver error, if any, is the `cause`.
 *
 * @example
 * try { await openStore(path) } catch (e) {
 *   if (e instanceof StoreError && e.code === 'schema-too-new') console.error(e.message);
 * }
 */
export class StoreError extends Error {
  override name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
