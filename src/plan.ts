/**
 * The per-message checks that turn a resolver's candidate into a ledger decision: already sent,
 * delivery disabled for the site, disabled account, opted out of every course — or deliver.
 */
import type { ScheduleFlag } from "./config.ts";
import type { Candidate } from "./messages/types.ts";
import { currentFlags } from "./store/config_store.ts";
import type { Store } from "./store/db.ts";
import { findByKey, type LedgerRow, onceKey } from "./store/ledger.ts";
import { optedOutOf } from "./store/selection.ts";

/** What to do with one message. `row` is what the ledger will hold. */
export type Decision =
  | { kind: "already-sent"; row: LedgerRow }
  | { kind: "skip"; row: LedgerRow }
  | { kind: "deliver"; row: LedgerRow };

/** Inputs of {@linkcode planMessage}. */
export interface PlanInput {
  candidate: Candidate;
  site: string;
  deliverFlag: ScheduleFlag;
  channel: string;
  /** The run date, YYYY-MM-DD. */
  date: string;
  sendUuid: string;
  overrideEmail: string | null;
  force: boolean;
  uuid: () => string;
}

/**
 * Decides one message. A `sent` or `unknown` row — or a permanent failure — with the same
 * exactly-once key means already sent (unless --force, which records a new, unkeyed row);
 * a `pending`, `skipped` or transiently failed row is decided again under its own uuid.
 * Test sends (override address) are never keyed, so they never count as sent for the learner.
 */
export function planMessage(
  db: Store,
  input: PlanInput,
  deliveryEnabled: boolean = deliveryFlag(db, input),
): Decision {
  const { candidate: c } = input;
  const testSend = input.overrideEmail !== null;
  const key = testSend
    ? null
    : onceKey(input.site, c.name, c.userId, c.courseIds, c.targetDate);
  const existing = key === null ? undefined : findByKey(db, key);
  const done = existing !== undefined && (
    existing.status === "sent" || existing.status === "unknown" ||
    (existing.status === "failed" && !existing.transient)
  );
  const row: LedgerRow = {
    uuid: existing && !done ? existing.uuid : input.uuid(),
    sendUuid: input.sendUuid,
    name: c.name,
    site: input.site,
    userId: c.userId,
    recipient: input.overrideEmail ?? c.email,
    courseIds: c.courseIds,
    language: c.language,
    date: input.date,
    targetDate: c.targetDate,
    channel: input.channel,
    status: "pending",
    reason: null,
    transient: false,
    file: null,
    testSend,
    onceKey: done ? null : key,
    attempted: existing !== undefined && !done && existing.attempted,
    context: c.context,
  };
  if (done && !input.force) return { kind: "already-sent", row: existing };
  const reason = skipReason(db, input, deliveryEnabled);
  if (reason) {
    return { kind: "skip", row: { ...row, status: "skipped", reason } };
  }
  return { kind: "deliver", row };
}

/**
 * Whether the site's newest `deliver_*` flag is on. A caller planning many messages inside one
 * transaction reads it once and passes it to each {@linkcode planMessage}: within a transaction
 * every read would see the same row.
 */
export function deliveryFlag(
  db: Store,
  input: Pick<PlanInput, "site" | "deliverFlag">,
): boolean {
  return currentFlags(db, input.site)[input.deliverFlag];
}

function skipReason(
  db: Store,
  input: PlanInput,
  deliveryEnabled: boolean,
): string | null {
  const { candidate: c } = input;
  if (!deliveryEnabled) return "delivery-disabled";
  if (!c.hasUsablePassword) return "user-disabled";
  const optedOut = optedOutOf(db, c.userId, c.courseIds);
  if (c.courseIds.length > 0 && c.courseIds.every((id) => optedOut.has(id))) {
    return "opted-out";
  }
  return null;
}
