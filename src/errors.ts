/**
 * Error classes that carry the process exit code (contract.md "Exit codes").
 *
 * Built-in classes (`SyntaxError`, `TypeError`, `RangeError`) are used for malformed values;
 * these domain classes separate user mistakes (2), a busy database (3) and failed deliveries (1)
 * from programmer mistakes, which fall through as exit code 1 with a stack trace under --verbose.
 */

/** A bad option, argument or command line: exit 2, nothing changed. */
export class UsageError extends Error {
  readonly exitCode = 2;
  override name = "UsageError";
}

/** Bad input data (CSV, JSON, archive, missing file, unknown site): exit 2, nothing changed. */
export class DataError extends Error {
  readonly exitCode = 2;
  override name = "DataError";
  /** Extra lines printed under the error line (one per bad row). */
  readonly details: readonly string[];
  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.details = details;
  }
}

/** Another run holds the lock on this database: exit 3, nothing changed. */
export class LockError extends Error {
  readonly exitCode = 3;
  override name = "LockError";
}

/** Exit code for an error value: the class's own code, else 1. */
export function exitCodeOf(error: unknown): number {
  if (
    error instanceof UsageError || error instanceof DataError ||
    error instanceof LockError
  ) {
    return error.exitCode;
  }
  return 1;
}

/** Whether an error is SQLite's "database is locked" (another writer held it too long). */
export function isBusy(error: unknown): boolean {
  return error instanceof Error &&
    ((error as Error & { errcode?: number }).errcode === 5 ||
      /database is locked/.test(error.message));
}
