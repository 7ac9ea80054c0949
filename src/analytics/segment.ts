/**
 * Segment `edx.bi.email.sent` events (delivery.md §3): built as upstream's `_track_message_sent`
 * does, queued in the `segment_events` table, and flushed in batches to `<apiUrl>/v1/batch`.
 * Events keep their `messageId` across retries and runs, so Segment's dedup drops repeats.
 * A Segment failure never fails an email; the write key never leaves the Authorization header.
 */
import type { Store } from "../store/db.ts";
import { transaction } from "../store/db.ts";

/** The event name upstream emits after every `ace.send`. */
export const EMAIL_SENT_EVENT = "edx.bi.email.sent";

/** Segment drops single events above this size (analytics-python: `32 << 10`). */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Our batch cut, well under Segment's 500 KB request limit. */
export const MAX_BATCH_BYTES = 450_000;
/** Our batch cut, well under Segment's 2 500 events per batch. */
export const MAX_BATCH_EVENTS = 500;

/** What {@linkcode emailSentEvent} needs about one delivered message. */
export interface EmailSentInput {
  userId: number;
  /** Site domain. */
  site: string;
  /** Message name, e.g. `recurringnudge_day3`. */
  name: string;
  language: string | null;
  uuid: string;
  /** The batch uuid; null is sent as "None", as upstream's `str(None)`. */
  sendUuid: string | null;
  /** Every course id of the message, in bundle order. */
  courseIds: readonly string[];
  /** Event time, epoch milliseconds. */
  timestamp: number;
  /** This tool's version (`context.library.version`). */
  version: string;
  /** Defaults to a fresh UUID; stored with the event and reused on every retry. */
  messageId?: string;
}

/** The properties of `edx.bi.email.sent` (delivery.md §3.2). */
export interface EmailSentProperties {
  site: string;
  app_label: "schedules";
  name: string;
  language: string | null;
  uuid: string;
  send_uuid: string;
  nonInteraction: 1;
  num_courses: number;
  course_ids?: string[];
  primary_course_id?: string;
}

/** One Segment track call as it goes into a batch. */
export interface SegmentTrackEvent {
  type: "track";
  event: typeof EMAIL_SENT_EVENT;
  userId: string;
  messageId: string;
  timestamp: string;
  properties: EmailSentProperties;
  context: {
    page: { path: string; url: string };
    library: { name: string; version: string };
  };
}

/** Builds the event: `course_ids` cut to 10, `num_courses` the full count, empty keys omitted. */
export function emailSentEvent(input: EmailSentInput): SegmentTrackEvent {
  const properties: EmailSentProperties = {
    site: input.site,
    app_label: "schedules",
    name: input.name,
    language: input.language,
    uuid: input.uuid,
    send_uuid: input.sendUuid ?? "None",
    nonInteraction: 1,
    num_courses: input.courseIds.length,
  };
  if (input.courseIds.length > 0) {
    properties.course_ids = input.courseIds.slice(0, 10);
    properties.primary_course_id = input.courseIds[0]!;
  }
  return {
    type: "track",
    event: EMAIL_SENT_EVENT,
    userId: String(input.userId),
    messageId: input.messageId ?? crypto.randomUUID(),
    timestamp: new Date(input.timestamp).toISOString(),
    properties,
    context: {
      page: { path: "/", url: `https://${input.site}/` },
      library: { name: "schedules", version: input.version },
    },
  };
}

/** Stores an event until a flush delivers it (queueing the same messageId twice is a no-op). */
export function queueSegmentEvent(
  db: Store,
  event: SegmentTrackEvent,
  now: number,
): void {
  db.prepare(
    "INSERT OR IGNORE INTO segment_events (message_id, payload_json, created, attempts) VALUES (?, ?, ?, 0)",
  ).run(event.messageId, JSON.stringify(event), now);
}

/** Options of {@linkcode flushSegmentEvents}. */
export interface SegmentFlushOptions {
  /** Base URL, e.g. `https://api.segment.io`; `/v1/batch` is appended. */
  apiUrl: string;
  writeKey: string;
  /** The clock, epoch milliseconds (`sentAt`). */
  now: () => number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Tries per batch in this run (default 4); the rest waits for the next run. */
  maxAttempts?: number;
  /** Per-request timeout (default 15 000 ms, as analytics-python). */
  timeoutMs?: number;
  /** First backoff step; doubles per try, with jitter (default 1 000 ms). */
  backoffMs?: number;
  /** Upper bound on a server-requested wait (Retry-After) (default 60 000 ms). */
  maxWaitMs?: number;
}

/** Counts of one flush. `dropped` = oversize or refused by Segment (deleted, not retried). */
export interface SegmentFlushResult {
  sent: number;
  dropped: number;
  remaining: number;
}

interface QueuedEvent {
  messageId: string;
  payload: string;
}

interface FlushSettings {
  url: string;
  authorization: string;
  now: () => number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxAttempts: number;
  timeoutMs: number;
  backoffMs: number;
  maxWaitMs: number;
}

/**
 * Sends every queued event. Accepted batches are deleted; a batch still failing after
 * `maxAttempts` stops the flush and stays queued. Never throws for network problems.
 */
export async function flushSegmentEvents(
  db: Store,
  options: SegmentFlushOptions,
): Promise<SegmentFlushResult> {
  const s = resolveFlushSettings(options);
  const result: SegmentFlushResult = { sent: 0, dropped: 0, remaining: 0 };
  const fitting: QueuedEvent[] = [], oversize: QueuedEvent[] = [];
  for (const e of readQueue(db)) {
    (byteLength(e.payload) <= MAX_EVENT_BYTES ? fitting : oversize).push(e);
  }
  deleteEvents(db, oversize);
  result.dropped += oversize.length;
  const batches = cutBatches(fitting);
  for (const [index, batch] of batches.entries()) {
    const outcome = await postBatch(batch, s);
    if (outcome === "failed") {
      markAttempted(db, batch, s.maxAttempts);
      result.remaining = batches.slice(index).reduce((n, b) => n + b.length, 0);
      break;
    }
    deleteEvents(db, batch);
    result[outcome === "accepted" ? "sent" : "dropped"] += batch.length;
  }
  return result;
}

function resolveFlushSettings(options: SegmentFlushOptions): FlushSettings {
  return {
    url: `${options.apiUrl.replace(/\/+$/, "")}/v1/batch`,
    authorization: basicAuth(options.writeKey),
    now: options.now,
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ??
      ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    maxAttempts: Math.max(1, options.maxAttempts ?? 4),
    timeoutMs: options.timeoutMs ?? 15_000,
    backoffMs: options.backoffMs ?? 1_000,
    maxWaitMs: options.maxWaitMs ?? 60_000,
  };
}

/** `Basic base64(writeKey + ":")`: the key is the user name, the password is empty. */
export function basicAuth(writeKey: string): string {
  const bytes = new TextEncoder().encode(`${writeKey}:`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

function readQueue(db: Store): QueuedEvent[] {
  const rows = db.prepare(
    "SELECT message_id, payload_json FROM segment_events ORDER BY created, message_id",
  ).all() as { message_id: string; payload_json: string }[];
  return rows.map((r) => ({
    messageId: r.message_id,
    payload: r.payload_json,
  }));
}

function deleteEvents(db: Store, events: readonly QueuedEvent[]): void {
  if (events.length === 0) return;
  const statement = db.prepare(
    "DELETE FROM segment_events WHERE message_id = ?",
  );
  transaction(db, () => {
    for (const e of events) statement.run(e.messageId);
  });
}

function markAttempted(
  db: Store,
  events: readonly QueuedEvent[],
  tries: number,
): void {
  const statement = db.prepare(
    "UPDATE segment_events SET attempts = attempts + ? WHERE message_id = ?",
  );
  transaction(db, () => {
    for (const e of events) statement.run(tries, e.messageId);
  });
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Splits events into batches under the byte and count caps, keeping their order. */
export function cutBatches<T extends { payload: string }>(
  events: readonly T[],
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = byteLength(e.payload) + 1;
    if (
      current.length > 0 &&
      (bytes + size > MAX_BATCH_BYTES || current.length >= MAX_BATCH_EVENTS)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

type BatchOutcome = "accepted" | "rejected" | "failed";

/** Up to `maxAttempts` tries with backoff; 429, 5xx and network errors are retried. */
async function postBatch(
  batch: readonly QueuedEvent[],
  s: FlushSettings,
): Promise<BatchOutcome> {
  for (let attempt = 1; attempt <= s.maxAttempts; attempt++) {
    const reply = await postOnce(batch, s);
    if (reply.status >= 200 && reply.status < 300) return "accepted";
    const retryable = reply.status === 0 || reply.status === 429 ||
      reply.status >= 500;
    if (!retryable) return "rejected";
    if (attempt < s.maxAttempts) await s.sleep(retryDelay(reply, attempt, s));
  }
  return "failed";
}

/** One HTTP reply; status 0 = no answer (network error or timeout). */
interface Reply {
  status: number;
  /** Server-requested wait in ms (Retry-After / X-RateLimit-Reset), if any. */
  waitMs: number | null;
}

async function postOnce(
  batch: readonly QueuedEvent[],
  s: FlushSettings,
): Promise<Reply> {
  const sentAt = JSON.stringify(new Date(s.now()).toISOString());
  const body = `{"batch":[${
    batch.map((e) => e.payload).join(",")
  }],"sentAt":${sentAt}}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), s.timeoutMs);
  try {
    const response = await s.fetch(s.url, {
      method: "POST",
      headers: {
        "Authorization": s.authorization,
        "Content-Type": "application/json",
      },
      body,
      signal: controller.signal,
    });
    await response.arrayBuffer();
    return { status: response.status, waitMs: serverWait(response.headers) };
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    return { status: 0, waitMs: null };
  } finally {
    clearTimeout(timer);
  }
}

/** `Retry-After` or `X-RateLimit-Reset`, both in seconds to wait. */
function serverWait(headers: Headers): number | null {
  for (const name of ["retry-after", "x-ratelimit-reset"]) {
    const value = headers.get(name);
    if (value !== null && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
      return Number(value) * 1000;
    }
  }
  return null;
}

/** The server's wait when given (capped), else exponential backoff with jitter. */
function retryDelay(reply: Reply, attempt: number, s: FlushSettings): number {
  if (reply.waitMs !== null) return Math.min(reply.waitMs, s.maxWaitMs);
  const step = s.backoffMs * 2 ** (attempt - 1);
  return step / 2 + s.random() * (step / 2);
}
