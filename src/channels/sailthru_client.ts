/**
 * A small Sailthru REST client on an injected `fetch` (delivery.md §2): the MD5 request
 * signature, one form-encoded `POST <apiUrl>/send`, the Python client's success rule and the
 * `X-Rate-Limit-*` headers. It never retries; the channel decides what to do with each outcome.
 */
import { createHash } from "node:crypto";

/** The rate-limit headers of one response (`reset` is UNIX epoch seconds, not a delay). */
export interface RateLimitInfo {
  limit: number | null;
  remaining: number;
  reset: number;
}

/** The real parameters of one `/send`, serialized into the signed `json` parameter. */
export interface SailthruSendRequest {
  template: string;
  email: string;
  vars: Record<string, string>;
  options: Record<string, string>;
}

/** What one request came to. `transport` failures carry no text, so no secret can leak. */
export type SailthruResponse =
  | {
    kind: "ok";
    status: number;
    body: Record<string, unknown>;
    rateLimit: RateLimitInfo | null;
  }
  | {
    kind: "error";
    status: number;
    /** Sailthru's error code; 0 when the body was not JSON (e.g. an HTML 502 page). */
    code: number;
    message: string;
    rateLimit: RateLimitInfo | null;
  }
  | {
    kind: "transport";
    /**
     * `refused`: the connection was never made, so the request provably did not reach Sailthru;
     * `timeout` / `dropped`: the request may have been received (outcome unknown).
     */
    failure: "refused" | "timeout" | "dropped";
  };

/** Options of {@linkcode createSailthruClient}. */
export interface SailthruClientOptions {
  /** Base URL without the endpoint, e.g. `https://api.sailthru.com`. */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  fetch?: typeof fetch;
  /** Whole-request timeout, body included (default 10 000 ms, as the Python client). */
  timeoutMs?: number;
}

/** The client: one call per `/send`. */
export interface SailthruClient {
  /** POSTs one send; never throws for network or API failures. */
  send(request: SailthruSendRequest): Promise<SailthruResponse>;
}

const UTF8 = new TextEncoder();

/**
 * The request signature: lowercase hex MD5 of the secret followed by the parameter values sorted
 * in byte order (keys are not signed). Pass every parameter value except `sig` itself.
 */
export function sailthruSignature(
  secret: string,
  values: readonly string[],
): string {
  const sorted = [...values].sort(compareBytes);
  return createHash("md5").update(secret + sorted.join(""), "utf8").digest(
    "hex",
  );
}

/** UTF-8 byte order (= code point order), which is what the Python client's sort gives. */
function compareBytes(a: string, b: string): number {
  const x = UTF8.encode(a), y = UTF8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return x.length - y.length;
}

/** The JSON text of a send, in the key order the official clients use. */
export function sailthruSendJson(request: SailthruSendRequest): string {
  return JSON.stringify({
    template: request.template,
    email: request.email,
    vars: request.vars,
    options: request.options,
  });
}

/**
 * The form body: `api_key`, `format=json`, `json` (exactly the signed text) and `sig`.
 */
export function sailthruFormBody(
  apiKey: string,
  apiSecret: string,
  json: string,
): string {
  const sig = sailthruSignature(apiSecret, [apiKey, "json", json]);
  return new URLSearchParams({ api_key: apiKey, format: "json", json, sig })
    .toString();
}

/** Reads `X-Rate-Limit-*`; null unless Remaining and Reset are both integers. */
export function parseRateLimit(headers: Headers): RateLimitInfo | null {
  const remaining = parseInteger(headers.get("x-rate-limit-remaining"));
  const reset = parseInteger(headers.get("x-rate-limit-reset"));
  if (remaining === null || reset === null) return null;
  return {
    limit: parseInteger(headers.get("x-rate-limit-limit")),
    remaining,
    reset,
  };
}

function parseInteger(text: string | null): number | null {
  if (text === null || !/^\s*-?\d+\s*$/.test(text)) return null;
  return Number(text);
}

/**
 * The Python client's rule: success is a JSON object whose keys are not exactly
 * {error, errormsg}; the HTTP status is ignored; a non-JSON body is error code 0.
 */
export function parseSailthruBody(
  status: number,
  text: string,
  rateLimit: RateLimitInfo | null,
): Exclude<SailthruResponse, { kind: "transport" }> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: "error", status, code: 0, message: "not JSON", rateLimit };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      kind: "error",
      status,
      code: 0,
      message: "not an object",
      rateLimit,
    };
  }
  const record = body as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(",");
  if (keys !== "error,errormsg") {
    return { kind: "ok", status, body: record, rateLimit };
  }
  const code = Number(record.error);
  return {
    kind: "error",
    status,
    code: Number.isInteger(code) ? code : 0,
    message: String(record.errormsg),
    rateLimit,
  };
}

/** Creates a client. The key and secret stay inside it and never appear in a result. */
export function createSailthruClient(
  options: SailthruClientOptions,
): SailthruClient {
  const url = `${options.apiUrl.replace(/\/+$/, "")}/send`;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const hide = (text: string) =>
    redact(text, [options.apiKey, options.apiSecret]);
  return {
    async send(request) {
      const json = sailthruSendJson(request);
      const body = sailthruFormBody(options.apiKey, options.apiSecret, json);
      const response = await post(doFetch, url, body, timeoutMs);
      if (response.kind === "error") {
        return { ...response, message: hide(response.message) };
      }
      return response;
    },
  };
}

/** One POST with a timer over the whole exchange (headers and body). */
async function post(
  doFetch: typeof fetch,
  url: string,
  body: string,
  timeoutMs: number,
): Promise<SailthruResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await doFetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
      signal: controller.signal,
    });
    const text = await response.text();
    return parseSailthruBody(
      response.status,
      text,
      parseRateLimit(response.headers),
    );
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    return { kind: "transport", failure: classifyFailure(error, timedOut) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Only a failure to connect proves the request never left; anything else (reset, closed
 * connection, unreadable body) may come after Sailthru received it.
 */
export function classifyFailure(
  error: unknown,
  timedOut: boolean,
): "refused" | "timeout" | "dropped" {
  if (timedOut) return "timeout";
  const text = errorChainText(error);
  if (/\(Connect\)|connection refused|dns error|os error 111/i.test(text)) {
    return "refused";
  }
  return "dropped";
}

function errorChainText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    parts.push(String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" | ");
}

/** Replaces every non-empty secret in `text` (an error message might echo the key). */
function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== "") result = result.split(secret).join("[redacted]");
  }
  return result;
}
