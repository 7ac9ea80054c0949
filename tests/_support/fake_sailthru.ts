/**
 * A Sailthru stand-in on 127.0.0.1 (delivery.md §5.1): validates requests as Sailthru does
 * (method, form encoding, the four parameters, key, signature over the received `json` text,
 * template, address, suppression list), records accepted sends, sends `X-Rate-Limit-*` on every
 * response and plays scripted failures for the next requests.
 */
import { sailthruSignature } from "../../src/channels/sailthru_client.ts";

/** One scripted reply to a coming `POST /send` (after key and signature checks). */
export type SailthruScript =
  /** Answers normally (to script a failure at a later request). */
  | { kind: "pass" }
  /** Error `code`; 9 answers 500 and is not recorded, others answer `status` (default 400). */
  | { kind: "error"; code: number; status?: number }
  /** 429 + error 43 with `Remaining` (default 0) and `Reset: now + resetInSeconds`. */
  | { kind: "rate-limit"; resetInSeconds: number; remaining?: number }
  /** A bare HTML error page (default 502): no JSON for the client. */
  | { kind: "html"; status?: number }
  /** Never answers until closed; `record` = the send happened before the hang. */
  | { kind: "hang"; record: boolean }
  /** Sends the headers, then breaks the connection; `record` as for `hang`. */
  | { kind: "reset"; record: boolean };

/** Options of {@linkcode startFakeSailthru}. */
export interface FakeSailthruOptions {
  apiKey?: string;
  apiSecret?: string;
  /** Templates that exist (default: the edx-ace template name). */
  templates?: string[];
  /** Address → error code (32/33 opted out, 34 do-not-email, 35 hardbounce, 37 basic only). */
  suppressed?: Record<string, number>;
  /** Requests per minute per (method, endpoint) (default 1 000). */
  ratePerMinute?: number;
  /** The stand-in's clock, epoch ms (default the real clock). */
  now?: () => number;
}

/** An accepted send. */
export interface RecordedSend {
  sendId: string;
  email: string;
  template: string;
  vars: Record<string, unknown>;
  options: Record<string, unknown>;
  /** The `json` parameter exactly as received. */
  json: string;
  receivedAt: number;
}

/** One answered (or hung) request. */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** Sailthru error code, null for a success or a non-JSON answer. */
  error: number | null;
  receivedAt: number;
}

/** The running stand-in. */
export interface FakeSailthru {
  url: string;
  apiKey: string;
  apiSecret: string;
  sends: RecordedSend[];
  requests: RecordedRequest[];
  /** Queues replies for the next `POST /send` requests, in order. */
  script(...items: SailthruScript[]): void;
  /** Releases hung requests and stops the server. */
  close(): Promise<void>;
}

/** Default template name of edx-platform. */
export const ACE_TEMPLATE = "Automated Communication Engine Email";

interface State {
  options: Required<FakeSailthruOptions>;
  fake: FakeSailthru;
  queue: SailthruScript[];
  buckets: Map<string, { windowStart: number; count: number }>;
  hung: (() => void)[];
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export function startFakeSailthru(
  options: FakeSailthruOptions = {},
): Promise<FakeSailthru> {
  const resolved: Required<FakeSailthruOptions> = {
    apiKey: options.apiKey ?? "test-api-key",
    apiSecret: options.apiSecret ?? "test-api-secret",
    templates: options.templates ?? [ACE_TEMPLATE],
    suppressed: options.suppressed ?? {},
    ratePerMinute: options.ratePerMinute ?? 1000,
    now: options.now ?? Date.now,
  };
  const queue: SailthruScript[] = [];
  const hung: (() => void)[] = [];
  const state = { options: resolved, queue, buckets: new Map(), hung } as State;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => handle(state, request),
  );
  state.fake = {
    url: `http://127.0.0.1:${server.addr.port}`,
    apiKey: resolved.apiKey,
    apiSecret: resolved.apiSecret,
    sends: [],
    requests: [],
    script: (...items) => queue.push(...items),
    async close() {
      for (const release of hung.splice(0)) release();
      await server.shutdown();
    },
  };
  return Promise.resolve(state.fake);
}

type Params = URLSearchParams;

async function handle(state: State, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method;
  const rate = countRequest(state, `${method} ${url.pathname}`);
  const reply = (status: number, body: unknown, error: number | null) =>
    answer(state, request, rate, { status, body, error });
  if (url.pathname !== "/send") {
    return reply(404, err(99, "Unknown endpoint"), 99);
  }
  if (!["GET", "POST", "DELETE"].includes(method)) {
    return reply(405, err(1, "Unsupported HTTP method"), 1);
  }
  const params = await readParams(request, url);
  if (params === null) return reply(400, err(2, "Missing parameter"), 2);
  const authError = checkAuth(state, params);
  if (authError !== null) {
    return reply(401, err(authError, "Auth failed"), authError);
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(params.get("json")!) as Record<string, unknown>;
  } catch {
    return reply(400, err(2, "Invalid json parameter"), 2);
  }
  if (rate.count > state.options.ratePerMinute) {
    return reply(
      429,
      err(43, `Too many ${method} requests this minute to /send API`),
      43,
    );
  }
  if (method !== "POST") return readOrCancel(state, method, data, reply);
  const scripted = state.queue.shift();
  if (scripted && scripted.kind !== "pass") {
    return playScript(state, request, scripted, params, data);
  }
  return acceptSend(state, request, params, data);
}

async function readParams(request: Request, url: URL): Promise<Params | null> {
  let params = url.searchParams;
  if (request.method === "POST") {
    const type = request.headers.get("content-type") ?? "";
    if (!type.startsWith("application/x-www-form-urlencoded")) return null;
    params = new URLSearchParams(await request.text());
  }
  for (const name of ["api_key", "format", "json", "sig"]) {
    if (!params.has(name)) return null;
  }
  return params;
}

/** Error 3 for an unknown key, 5 for a signature not over the received strings. */
function checkAuth(state: State, params: Params): number | null {
  if (params.get("api_key") !== state.options.apiKey) return 3;
  const values = [...params.entries()].filter(([k]) => k !== "sig").map((
    [, v],
  ) => v);
  const expected = sailthruSignature(state.options.apiSecret, values);
  return params.get("sig") === expected ? null : 5;
}

function playScript(
  state: State,
  request: Request,
  scripted: Exclude<SailthruScript, { kind: "pass" }>,
  params: Params,
  data: Record<string, unknown>,
): Promise<Response> | Response {
  const rate = currentRate(state, request);
  switch (scripted.kind) {
    case "error": {
      const status = scripted.status ?? (scripted.code === 9 ? 500 : 400);
      return answer(state, request, rate, {
        status,
        body: err(scripted.code, `Scripted error ${scripted.code}`),
        error: scripted.code,
      });
    }
    case "rate-limit": {
      const reset = Math.floor(state.options.now() / 1000) +
        scripted.resetInSeconds;
      const remaining = scripted.remaining ?? 0;
      return answer(state, request, { ...rate, remaining, reset }, {
        status: 429,
        body: err(43, "Too many POST requests this minute to /send API"),
        error: 43,
      });
    }
    case "html":
      return answer(state, request, rate, {
        status: scripted.status ?? 502,
        body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
        error: null,
      });
    case "hang":
      if (scripted.record) record(state, params, data);
      return hang(state, request);
    case "reset":
      if (scripted.record) record(state, params, data);
      logRequest(state, request, 0, null);
      return new Response(
        new ReadableStream({
          pull(controller) {
            // Deno prints this reason on the server side; it is expected.
            controller.error("(stand-in dropped the connection on purpose)");
          },
        }),
        { status: 200 },
      );
  }
}

function hang(state: State, request: Request): Promise<Response> {
  logRequest(state, request, 0, null);
  return new Promise((resolve) => {
    const release = () => resolve(new Response("closed", { status: 503 }));
    state.hung.push(release);
  });
}

function acceptSend(
  state: State,
  request: Request,
  params: Params,
  data: Record<string, unknown>,
): Response {
  const rate = currentRate(state, request);
  const reply = (status: number, body: unknown, error: number | null) =>
    answer(state, request, rate, { status, body, error });
  const template = String(data.template ?? "");
  const email = String(data.email ?? "");
  if (!state.options.templates.includes(template)) {
    return reply(400, err(14, `Unknown template: ${template}`), 14);
  }
  if (!/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(email)) {
    return reply(400, err(11, `Invalid email: ${email}`), 11);
  }
  const suppressed = state.options.suppressed[email.toLowerCase()];
  if (suppressed !== undefined) {
    return reply(
      400,
      err(suppressed, `Email may not be emailed: ${email}`),
      suppressed,
    );
  }
  const send = record(state, params, data);
  return reply(200, {
    send_id: send.sendId,
    email,
    template,
    status: "unknown",
  }, null);
}

function record(
  state: State,
  params: Params,
  data: Record<string, unknown>,
): RecordedSend {
  const send: RecordedSend = {
    sendId: crypto.randomUUID().replaceAll("-", "").slice(0, 16),
    email: String(data.email ?? ""),
    template: String(data.template ?? ""),
    vars: asRecord(data.vars),
    options: asRecord(data.options),
    json: params.get("json")!,
    receivedAt: state.options.now(),
  };
  state.fake.sends.push(send);
  return send;
}

/** GET = status of a send (12 when unknown); DELETE = 41, every recorded send already went. */
function readOrCancel(
  state: State,
  method: string,
  data: Record<string, unknown>,
  reply: (status: number, body: unknown, error: number | null) => Response,
): Response {
  const send = state.fake.sends.find((s) => s.sendId === data.send_id);
  if (!send) return reply(404, err(12, "Unknown send_id"), 12);
  if (method === "DELETE") return reply(403, err(41, "Already sent"), 41);
  return reply(200, {
    send_id: send.sendId,
    email: send.email,
    template: send.template,
    status: "delivered",
  }, null);
}

interface Rate {
  count: number;
  remaining: number;
  reset: number;
}

function countRequest(state: State, key: string): Rate {
  const now = state.options.now();
  const windowStart = Math.floor(now / 60_000) * 60_000;
  let bucket = state.buckets.get(key);
  if (!bucket || bucket.windowStart !== windowStart) {
    bucket = { windowStart, count: 0 };
    state.buckets.set(key, bucket);
  }
  bucket.count++;
  return rateOf(state, bucket);
}

function currentRate(state: State, request: Request): Rate {
  const key = `${request.method} ${new URL(request.url).pathname}`;
  const bucket = state.buckets.get(key)!;
  return rateOf(state, bucket);
}

function rateOf(
  state: State,
  bucket: { windowStart: number; count: number },
): Rate {
  return {
    count: bucket.count,
    remaining: Math.max(0, state.options.ratePerMinute - bucket.count),
    reset: (bucket.windowStart + 60_000) / 1000,
  };
}

function answer(
  state: State,
  request: Request,
  rate: Rate,
  reply: { status: number; body: unknown; error: number | null },
): Response {
  logRequest(state, request, reply.status, reply.error);
  const isText = typeof reply.body === "string";
  return new Response(
    isText ? String(reply.body) : JSON.stringify(reply.body),
    {
      status: reply.status,
      headers: {
        "Content-Type": isText ? "text/html" : "application/json",
        "X-Rate-Limit-Limit": String(state.options.ratePerMinute),
        "X-Rate-Limit-Remaining": String(rate.remaining),
        "X-Rate-Limit-Reset": String(rate.reset),
      },
    },
  );
}

function logRequest(
  state: State,
  request: Request,
  status: number,
  error: number | null,
): void {
  state.fake.requests.push({
    method: request.method,
    path: new URL(request.url).pathname,
    status,
    error,
    receivedAt: state.options.now(),
  });
}

function err(
  code: number,
  message: string,
): { error: number; errormsg: string } {
  return { error: code, errormsg: message };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}
