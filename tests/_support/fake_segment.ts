/**
 * A Segment HTTP Tracking API stand-in on 127.0.0.1 (delivery.md §5.2): checks Basic auth (or a
 * body `writeKey`), JSON and the 32 KB / 500 KB limits, records events, drops repeats by
 * `messageId` while counting them, and plays scripted 429 / 5xx / hang / reset replies.
 */

/** One scripted reply to a coming request (before any check; nothing is recorded). */
export type SegmentScript =
  /** An error status, e.g. 429 (with Retry-After / X-RateLimit-Reset seconds) or 503. */
  | {
    kind: "status";
    status: number;
    retryAfter?: number;
    rateLimitReset?: number;
  }
  /** Never answers until the client gives up or the server closes. */
  | { kind: "hang" }
  /** Sends the headers, then breaks the connection (events not recorded). */
  | { kind: "reset" };

/** Options of {@linkcode startFakeSegment}. */
export interface FakeSegmentOptions {
  writeKey?: string;
  /** Answer 401 to a bad key (the real API answers 200 and drops the events). */
  strict?: boolean;
}

/** One request as seen by the stand-in. */
export interface SegmentRequest {
  path: string;
  authorization: string | null;
  contentType: string | null;
  bytes: number;
  status: number;
  /** messageIds of the items in the body (empty when it did not parse). */
  messageIds: string[];
  sentAt: unknown;
}

/** The running stand-in. */
export interface FakeSegment {
  url: string;
  writeKey: string;
  /** Accepted events, first copy of each messageId. */
  events: Record<string, unknown>[];
  /** Events sent with a wrong or missing key (accepted with 200, as the real API does). */
  rejected: Record<string, unknown>[];
  /** Events without userId/anonymousId, event or type, or past 2 500 in one batch. */
  dropped: Record<string, unknown>[];
  /** Items whose messageId was already recorded (retries must reuse the id). */
  duplicates: number;
  requests: SegmentRequest[];
  script(...items: SegmentScript[]): void;
  close(): Promise<void>;
}

const MAX_EVENT = 32 * 1024;
const MAX_BATCH = 500 * 1024;
const MAX_ITEMS = 2500;

interface State {
  options: Required<FakeSegmentOptions>;
  fake: FakeSegment;
  queue: SegmentScript[];
  seen: Set<string>;
  hung: (() => void)[];
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export function startFakeSegment(
  options: FakeSegmentOptions = {},
): Promise<FakeSegment> {
  const queue: SegmentScript[] = [];
  const hung: (() => void)[] = [];
  const state = {
    options: {
      writeKey: options.writeKey ?? "test-write-key",
      strict: options.strict ?? false,
    },
    queue,
    seen: new Set<string>(),
    hung,
  } as State;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => handle(state, request),
  );
  state.fake = {
    url: `http://127.0.0.1:${server.addr.port}`,
    writeKey: state.options.writeKey,
    events: [],
    rejected: [],
    dropped: [],
    duplicates: 0,
    requests: [],
    script: (...items) => queue.push(...items),
    async close() {
      for (const release of hung.splice(0)) release();
      await server.shutdown();
    },
  };
  return Promise.resolve(state.fake);
}

async function handle(state: State, request: Request): Promise<Response> {
  const text = await request.text();
  const entry: SegmentRequest = {
    path: new URL(request.url).pathname,
    authorization: request.headers.get("authorization"),
    contentType: request.headers.get("content-type"),
    bytes: new TextEncoder().encode(text).length,
    status: 0,
    messageIds: [],
    sentAt: undefined,
  };
  state.fake.requests.push(entry);
  const body = parseObject(text);
  const items = body === null ? [] : itemsOf(entry.path, body);
  entry.messageIds = items.map((i) => String(i.messageId ?? ""));
  entry.sentAt = body?.sentAt;
  const scripted = state.queue.shift();
  if (scripted) return play(state, scripted, entry);
  const reply = (status: number, body: unknown) => {
    entry.status = status;
    return Response.json(body, { status });
  };
  if (!["/v1/batch", "/v1/track"].includes(entry.path)) {
    return reply(404, { code: "not_found", message: "Unknown endpoint" });
  }
  if (!(entry.contentType ?? "").startsWith("application/json")) {
    return reply(400, invalid("Content-Type must be application/json"));
  }
  if (entry.bytes > MAX_BATCH) return reply(400, invalid("Request too large"));
  if (body === null) return reply(400, invalid("Invalid JSON"));
  if (
    items.some((i) =>
      new TextEncoder().encode(JSON.stringify(i)).length > MAX_EVENT
    )
  ) {
    return reply(400, invalid("Event too large"));
  }
  if (!authorized(state, request, body)) {
    if (state.options.strict) return reply(401, invalid("Invalid write key"));
    state.fake.rejected.push(...items);
    return reply(200, { success: true });
  }
  items.forEach((item, index) => recordItem(state, item, index));
  return reply(200, { success: true });
}

function play(
  state: State,
  scripted: SegmentScript,
  entry: SegmentRequest,
): Promise<Response> | Response {
  if (scripted.kind === "status") {
    entry.status = scripted.status;
    const headers: Record<string, string> = {};
    if (scripted.retryAfter !== undefined) {
      headers["Retry-After"] = String(scripted.retryAfter);
    }
    if (scripted.rateLimitReset !== undefined) {
      headers["X-RateLimit-Reset"] = String(scripted.rateLimitReset);
    }
    return Response.json(
      { code: "scripted", message: `Scripted ${scripted.status}` },
      { status: scripted.status, headers },
    );
  }
  if (scripted.kind === "reset") {
    return new Response(
      new ReadableStream({
        pull(controller) {
          // Deno prints this reason on the server side; it is expected.
          controller.error("(stand-in dropped the connection on purpose)");
        },
      }),
    );
  }
  return new Promise((resolve) => {
    const release = () => resolve(new Response("closed", { status: 503 }));
    state.hung.push(release);
  });
}

/** Basic `base64(writeKey + ":")` or a `writeKey` field in the body. */
function authorized(
  state: State,
  request: Request,
  body: Record<string, unknown>,
): boolean {
  const expected = `Basic ${btoa(`${state.options.writeKey}:`)}`;
  return request.headers.get("authorization") === expected ||
    body.writeKey === state.options.writeKey;
}

function recordItem(
  state: State,
  item: Record<string, unknown>,
  index: number,
): void {
  const hasId = typeof item.userId === "string" ||
    typeof item.anonymousId === "string";
  if (index >= MAX_ITEMS || !hasId || !item.type || !item.event) {
    state.fake.dropped.push(item);
    return;
  }
  const id = String(item.messageId ?? crypto.randomUUID());
  if (state.seen.has(id)) {
    state.fake.duplicates++;
    return;
  }
  state.seen.add(id);
  state.fake.events.push(item);
}

function itemsOf(
  path: string,
  body: Record<string, unknown>,
): Record<string, unknown>[] {
  if (path !== "/v1/batch") return [{ ...body, type: "track" }];
  return Array.isArray(body.batch) ? body.batch.map(asRecord) : [];
}

function invalid(message: string): { code: string; message: string } {
  return { code: "invalid_request", message };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? value as Record<string, unknown>
      : null;
  } catch {
    return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}
