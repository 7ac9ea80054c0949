/**
 * The Sailthru channel (edx-ace `SailthruEmailChannel`, delivery.md §1.7–1.8): the five rendered
 * fields go out as `ace_template_*` vars of one Sailthru template. Error 9 and 43 are retried
 * inside a time window; a request that may have reached Sailthru is never resent, because
 * `POST /send` has no idempotency key (a timeout is `unknown`, not a retry).
 */
import type { ChannelTemplateHooks } from "../render/types.ts";
import type { Channel, DeliveryResult, OutgoingMessage } from "./channel.ts";
import {
  createSailthruClient,
  type RateLimitInfo,
  type SailthruClient,
  type SailthruResponse,
  type SailthruSendRequest,
} from "./sailthru_client.ts";

/** Options of {@linkcode createSailthruChannel}. */
export interface SailthruChannelOptions {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** The Sailthru template, e.g. "Automated Communication Engine Email". */
  templateName: string;
  /** The clock, epoch milliseconds (src/ never reads it itself). */
  now: () => number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1) for the retry jitter. */
  random?: () => number;
  /** Per-request timeout (default 10 000 ms). */
  timeoutMs?: number;
  /** Delay before retrying error 9 / a refused connection (default 10 000 ms). */
  retryDelayMs?: number;
  /** ± jitter on that delay (default 2 000 ms). */
  retryJitterMs?: number;
  /** Retry window per message (default 120 000 ms, capped at 300 000 ms as edx-ace). */
  windowMs?: number;
  /** Safety bound on attempts per message even if the clock stands still (default 100). */
  maxAttempts?: number;
}

/** edx-ace's `MAX_EXPIRATION_DELAY`: no message retries longer than this. */
export const MAX_WINDOW_MS = 300_000;

/** Literal placeholders Sailthru replaces itself (they are not template variables). */
export const SAILTHRU_HOOKS: ChannelTemplateHooks = {
  trackerImageSources: ["{beacon_src}"],
  actionLinks: [
    { url: "{view_url}", label: "View on Web" },
    { url: "{optout_confirm_url}", label: "Unsubscribe from this list" },
  ],
};

interface Settings {
  templateName: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retryDelayMs: number;
  retryJitterMs: number;
  windowMs: number;
  maxAttempts: number;
}

/** What to do after one response. */
type Decision =
  | { result: DeliveryResult }
  | { retryAt: number; giveUp: DeliveryResult };

const EXPIRED: DeliveryResult = {
  status: "failed",
  reason: "expired",
  transient: true,
};

/** Creates the channel; requests for concurrent `deliver()` calls share one throttle. */
export function createSailthruChannel(
  options: SailthruChannelOptions,
): Channel {
  const settings = resolveSettings(options);
  const client = createSailthruClient({
    apiUrl: options.apiUrl,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  const throttle = createThrottle(settings);
  return {
    name: "sailthru",
    hooks: SAILTHRU_HOOKS,
    resendSafe: false,
    deliver: (message) => deliver(message, settings, client, throttle),
    close: () => Promise.resolve(),
  };
}

function resolveSettings(options: SailthruChannelOptions): Settings {
  return {
    templateName: options.templateName,
    now: options.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    retryDelayMs: options.retryDelayMs ?? 10_000,
    retryJitterMs: options.retryJitterMs ?? 2_000,
    windowMs: Math.min(options.windowMs ?? 120_000, MAX_WINDOW_MS),
    maxAttempts: options.maxAttempts ?? 100,
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The `/send` parameters of a message: stripped `ace_template_*` vars and `behalf_email`. */
export function sailthruSendRequest(
  message: OutgoingMessage,
  templateName: string,
): SailthruSendRequest {
  const r = message.rendered;
  return {
    template: templateName,
    email: message.recipient,
    vars: {
      ace_template_from_name: r.from_name.trim(),
      ace_template_subject: r.subject.trim(),
      ace_template_body_html: r.body_html.trim(),
      ace_template_head_html: r.head_html.trim(),
      ace_template_body: r.body.trim(),
    },
    options: message.fromAddress === ""
      ? {}
      : { behalf_email: message.fromAddress },
  };
}

/**
 * What `--dry-run --channel sailthru` reports (edx-ace's debug mode): template, recipient,
 * subject, the var names and options. No HTTP call; the key and secret are not known here.
 */
export function sailthruDebugLines(
  message: OutgoingMessage,
  templateName: string,
): string[] {
  const request = sailthruSendRequest(message, templateName);
  return [
    "Would have emailed using:",
    `  template: ${request.template}`,
    `  recipient: ${request.email}`,
    `  subject: ${request.vars.ace_template_subject}`,
    `  variables: ${Object.keys(request.vars).join(", ")}`,
    `  options: ${JSON.stringify(request.options)}`,
  ];
}

async function deliver(
  message: OutgoingMessage,
  s: Settings,
  client: SailthruClient,
  throttle: Throttle,
): Promise<DeliveryResult> {
  const request = sailthruSendRequest(message, s.templateName);
  const expiry = s.now() + s.windowMs;
  for (let attempt = 1;; attempt++) {
    if (!(await throttle.waitTurn(expiry))) return EXPIRED;
    const response = await client.send(request);
    if (response.kind !== "transport") throttle.note(response.rateLimit);
    const decision = decide(response, s);
    if ("result" in decision) return decision.result;
    if (decision.retryAt >= expiry || attempt >= s.maxAttempts) {
      return decision.giveUp;
    }
    await s.sleep(Math.max(0, decision.retryAt - s.now()));
  }
}

/** Maps one response to a final result or a retry time (delivery.md §1.8 table, §2.5). */
/** Sailthru error codes about the account's setup, not the message: 3 key, 4 IP, 5 signature. */
const SETUP_ERRORS = new Set([3, 4, 5]);

function decide(response: SailthruResponse, s: Settings): Decision {
  if (response.kind === "ok") return { result: { status: "sent" } };
  if (response.kind === "transport") {
    if (response.failure === "refused") {
      const giveUp: DeliveryResult = {
        status: "failed",
        reason: "network",
        transient: true,
      };
      return { retryAt: jittered(s), giveUp };
    }
    const reason = response.failure === "timeout" ? "timeout" : "network";
    return { result: { status: "unknown", reason } };
  }
  if (response.code === 9) return { retryAt: jittered(s), giveUp: EXPIRED };
  if (response.code === 43) {
    return {
      retryAt: rateLimitRetryAt(response.rateLimit, s),
      giveUp: EXPIRED,
    };
  }
  // Never retried in this run; a 5xx (e.g. an HTML 502 page, code 0) may pass in a later run,
  // and so may everything refused for the account's setup (key, IP, signature): once the
  // operator fixes it, the messages are still owed.
  return {
    result: {
      status: "failed",
      reason: `sailthru-error-${response.code}`,
      transient: response.status >= 500 || SETUP_ERRORS.has(response.code),
    },
  };
}

/** Error 43: the reset time when nothing remains, else the usual jittered delay. */
function rateLimitRetryAt(
  rateLimit: RateLimitInfo | null,
  s: Settings,
): number {
  const now = s.now();
  if (rateLimit && rateLimit.remaining <= 0 && rateLimit.reset * 1000 > now) {
    return rateLimit.reset * 1000;
  }
  return jittered(s);
}

/** now + retryDelay ± uniform jitter (edx-ace: 10 s ± 2 s). */
function jittered(s: Settings): number {
  const jitter = (s.random() * 2 - 1) * s.retryJitterMs;
  return s.now() + Math.max(0, s.retryDelayMs + jitter);
}

/** Proactive throttling shared by concurrent deliveries. */
interface Throttle {
  /** Waits while the last response said nothing remains; false when that outlasts `expiry`. */
  waitTurn(expiry: number): Promise<boolean>;
  /** Records a response's rate-limit headers. */
  note(rateLimit: RateLimitInfo | null): void;
}

function createThrottle(s: Settings): Throttle {
  let blockedUntil = 0;
  return {
    async waitTurn(expiry) {
      // Bounded: each pass sleeps until the (only growing) reset time.
      for (let pass = 0; pass < 10 && blockedUntil > s.now(); pass++) {
        if (blockedUntil >= expiry) return false;
        await s.sleep(blockedUntil - s.now());
      }
      return true;
    },
    note(rateLimit) {
      if (rateLimit === null) return;
      const resetMs = rateLimit.reset * 1000;
      if (rateLimit.remaining <= 0) {
        blockedUntil = Math.max(blockedUntil, resetMs);
      } else if (resetMs > blockedUntil) {
        // A later window with budget left: an out-of-order older answer cannot unblock.
        blockedUntil = 0;
      }
    },
  };
}
