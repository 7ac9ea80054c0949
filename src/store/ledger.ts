/**
 * The ledger: one row per message the tool decided on, written before delivery and updated
 * with the outcome, so that nothing is sent twice and a killed run can be completed.
 */
import type { Millis } from "../domain/types.ts";
import type { MessageContext } from "../render/types.ts";
import { statement, type Store } from "./db.ts";

/** Ledger statuses (contract.md "messages export"; `pending` = recorded, not yet delivered). */
export type LedgerStatus =
  | "pending"
  | "sent"
  | "failed"
  | "skipped"
  | "unknown";

/** One ledger row. */
export interface LedgerRow {
  uuid: string;
  sendUuid: string;
  name: string;
  site: string;
  userId: number;
  recipient: string;
  courseIds: string[];
  language: string;
  /** The run's --date, YYYY-MM-DD. */
  date: string;
  targetDate: string;
  channel: string;
  status: LedgerStatus;
  reason: string | null;
  transient: boolean;
  file: string | null;
  testSend: boolean;
  /** Exactly-once key; null for test sends and forced re-sends. */
  onceKey: string | null;
  /** A delivery was started and never recorded (the run was killed mid-delivery). */
  attempted: boolean;
  context: MessageContext;
}

/** The exactly-once key: (site, message name, learner, course ids, target date). */
export function onceKey(
  site: string,
  name: string,
  userId: number,
  courseIds: readonly string[],
  targetDate: string,
): string {
  return JSON.stringify([
    site.toLowerCase(),
    name,
    userId,
    courseIds,
    targetDate,
  ]);
}

function fromDb(row: Record<string, unknown>): LedgerRow {
  return {
    uuid: String(row.uuid),
    sendUuid: String(row.send_uuid),
    name: String(row.name),
    site: String(row.site),
    userId: Number(row.user_id),
    recipient: String(row.recipient),
    courseIds: JSON.parse(String(row.course_ids)) as string[],
    language: String(row.language),
    date: String(row.date),
    targetDate: String(row.target_date),
    channel: String(row.channel),
    status: row.status as LedgerStatus,
    reason: row.reason as string | null,
    transient: row.transient === 1,
    file: row.file as string | null,
    testSend: row.test_send === 1,
    onceKey: row.once_key as string | null,
    attempted: row.attempted_at !== null && row.attempted_at !== undefined,
    context: JSON.parse(String(row.context_json)) as MessageContext,
  };
}

/** The row holding an exactly-once key, if any. */
export function findByKey(db: Store, key: string): LedgerRow | undefined {
  const row = statement(db, "SELECT * FROM messages WHERE once_key = ?").get(
    key,
  );
  return row ? fromDb(row as Record<string, unknown>) : undefined;
}

/** Inserts a new row, or replaces the decision of an existing row with the same uuid. */
export function recordMessage(db: Store, row: LedgerRow, now: Millis): void {
  statement(
    db,
    `INSERT INTO messages (uuid, send_uuid, name, site, user_id, recipient, course_ids, language,
       date, target_date, channel, status, reason, transient, file, test_send, once_key,
       context_json, created, updated)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (uuid) DO UPDATE SET send_uuid = excluded.send_uuid,
       recipient = excluded.recipient, date = excluded.date, channel = excluded.channel,
       status = excluded.status, reason = excluded.reason, transient = excluded.transient,
       context_json = excluded.context_json, updated = excluded.updated`,
  ).run(
    row.uuid,
    row.sendUuid,
    row.name,
    row.site,
    row.userId,
    row.recipient,
    JSON.stringify(row.courseIds),
    row.language,
    row.date,
    row.targetDate,
    row.channel,
    row.status,
    row.reason,
    row.transient ? 1 : 0,
    row.file,
    row.testSend ? 1 : 0,
    row.onceKey,
    JSON.stringify(row.context),
    now,
    now,
  );
}

/** Marks the start of a delivery, so a run killed mid-delivery is recognised later. */
export function recordAttempt(db: Store, uuid: string, now: Millis): void {
  statement(db, "UPDATE messages SET attempted_at = ? WHERE uuid = ?").run(
    now,
    uuid,
  );
}

/** The outcome of a delivery attempt. */
export interface Outcome {
  status: LedgerStatus;
  reason: string | null;
  transient: boolean;
  file: string | null;
}

/** Records the outcome of one delivery. */
export function recordOutcome(
  db: Store,
  uuid: string,
  outcome: Outcome,
  now: Millis,
): void {
  statement(
    db,
    // The attempt is over: clear its marker, or a later retry would take it for a delivery
    // that a killed run left in flight.
    "UPDATE messages SET status = ?, reason = ?, transient = ?, file = ?, updated = ?, attempted_at = NULL WHERE uuid = ?",
  ).run(
    outcome.status,
    outcome.reason,
    outcome.transient ? 1 : 0,
    outcome.file,
    now,
    uuid,
  );
}

/**
 * Rows a later run must finish: recorded but never delivered (`pending`), or failed for a
 * transient cause — on `channel`, from run dates other than `exceptDate`.
 */
export function unfinished(
  db: Store,
  channel: string,
  exceptDate: string,
): LedgerRow[] {
  return (db.prepare(
    `SELECT * FROM messages WHERE channel = ? AND date <> ?
       AND (status = 'pending' OR (status = 'failed' AND transient = 1)) ORDER BY id`,
  ).all(channel, exceptDate) as Record<string, unknown>[]).map(fromDb);
}
