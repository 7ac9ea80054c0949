/**
 * A transaction around asynchronous work (a streamed import reads its file between rows).
 * `transaction()` in db.ts commits as soon as its callback returns, so a callback that awaits
 * needs this variant. Only one command uses a database at a time, so nothing else can run
 * statements on the connection while the callback awaits.
 */
import type { Store } from "./db.ts";

/**
 * Runs `fn` inside one IMMEDIATE transaction: committed when it resolves (rolled back instead
 * when `rollback` is true, as a dry run wants), rolled back when it throws. Inside an outer
 * transaction it just runs `fn`; the outer owner decides.
 */
export async function asyncTransaction<T>(
  db: Store,
  rollback: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return await fn();
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = await fn();
    db.exec(rollback ? "ROLLBACK" : "COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
