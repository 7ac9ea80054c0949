/**
 * `schedules check`: SQLite's own integrity and foreign-key checks plus the tool's invariants,
 * each problem as one sentence.
 */
import type { Store } from "./db.ts";

const STATUSES = ["pending", "sent", "failed", "skipped", "unknown"];

/** Every problem found in the database (empty when healthy). */
export function checkStore(db: Store): string[] {
  const problems: string[] = [];
  const integrity = db.prepare("PRAGMA integrity_check").all() as {
    integrity_check: string;
  }[];
  for (const row of integrity) {
    if (row.integrity_check !== "ok") {
      problems.push(`SQLite integrity: ${row.integrity_check}`);
    }
  }
  const orphans = db.prepare("PRAGMA foreign_key_check").all() as {
    table: string;
    parent: string;
    rowid: number;
  }[];
  for (const row of orphans) {
    problems.push(
      `table ${row.table} row ${row.rowid} points to a missing ${row.parent} row`,
    );
  }
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const duplicates = count(
    "SELECT COUNT(*) AS n FROM (SELECT enrollment_id FROM schedules GROUP BY enrollment_id HAVING COUNT(*) > 1)",
  );
  if (duplicates > 0) {
    problems.push(`${duplicates} enrollments have more than one schedule`);
  }
  const badStatus = count(
    `SELECT COUNT(*) AS n FROM messages WHERE status NOT IN (${
      STATUSES.map((s) => `'${s}'`).join(",")
    })`,
  );
  if (badStatus > 0) {
    problems.push(`${badStatus} ledger rows have an unknown status`);
  }
  const sentWithoutFile = count(
    "SELECT COUNT(*) AS n FROM messages WHERE channel = 'file' AND status = 'sent' AND file IS NULL",
  );
  if (sentWithoutFile > 0) {
    problems.push(
      `${sentWithoutFile} file-channel messages are sent but name no file`,
    );
  }
  const keyed = count(
    "SELECT COUNT(*) AS n FROM messages WHERE test_send = 1 AND once_key IS NOT NULL",
  );
  if (keyed > 0) problems.push(`${keyed} test sends carry an exactly-once key`);
  const early = count(
    `SELECT COUNT(*) AS n FROM schedules s JOIN enrollments e ON e.id = s.enrollment_id
     JOIN courses c ON c.id = e.course_id WHERE s.start_date < c.start`,
  );
  if (early > 0) {
    problems.push(`${early} schedules start before their course starts`);
  }
  const pending = count(
    "SELECT COUNT(*) AS n FROM messages WHERE status = 'pending'",
  );
  if (pending > 0) {
    problems.push(
      `${pending} messages were recorded but not delivered (the next send delivers them)`,
    );
  }
  return problems;
}
