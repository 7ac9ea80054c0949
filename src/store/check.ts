/**
 * `schedules check`: SQLite's own integrity and foreign-key checks plus the tool's invariants,
 * each problem as one sentence.
 */
import type { Store } from "./db.ts";

const STATUSES = ["pending", "sent", "failed", "skipped", "unknown"];

/** The tool's invariants: a query counting the rows that break one, and how to say so. */
const INVARIANTS: [sql: string, say: (n: number) => string][] = [
  [
    "SELECT COUNT(*) AS n FROM (SELECT enrollment_id FROM schedules GROUP BY enrollment_id HAVING COUNT(*) > 1)",
    (n) => `${n} enrollments have more than one schedule`,
  ],
  [
    `SELECT COUNT(*) AS n FROM messages WHERE status NOT IN (${
      STATUSES.map((s) => `'${s}'`).join(",")
    })`,
    (n) => `${n} ledger rows have an unknown status`,
  ],
  [
    "SELECT COUNT(*) AS n FROM messages WHERE channel = 'file' AND status = 'sent' AND file IS NULL",
    (n) => `${n} file-channel messages are sent but name no file`,
  ],
  [
    "SELECT COUNT(*) AS n FROM messages WHERE test_send = 1 AND once_key IS NOT NULL",
    (n) => `${n} test sends carry an exactly-once key`,
  ],
  [
    `SELECT COUNT(*) AS n FROM schedules s JOIN enrollments e ON e.id = s.enrollment_id
     JOIN courses c ON c.id = e.course_id WHERE s.start_date < c.start`,
    (n) => `${n} schedules start before their course starts`,
  ],
  [
    "SELECT COUNT(*) AS n FROM messages WHERE status = 'pending'",
    (n) =>
      `${n} messages were recorded but not delivered (the next send delivers them)`,
  ],
];

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
  for (const [sql, say] of INVARIANTS) {
    const { n } = db.prepare(sql).get() as { n: number };
    if (n > 0) problems.push(say(n));
  }
  return problems;
}
