/**
 * The SMTP channel (contract.md "smtp channel"): one multipart/alternative message per learner,
 * sent through a pooled nodemailer transport built from SMTP_URL.
 *
 * Exactly-once matters more than speed here: a 4xx reply or a connection that fails before the
 * message content went out is retried (the server cannot have accepted the message), a 5xx reply
 * is final, and a connection lost after the whole content was handed to the server is `unknown`,
 * because the server may have accepted it and a resend could duplicate the email.
 *
 * SMTP_URL carries a password: nothing this module returns or throws contains the URL or any part
 * of its credentials, and nodemailer's logger stays off.
 */
import nodemailer from "nodemailer";
import type {
  MailMessage,
  SendMailOptions,
  SMTPPoolOptions,
  SMTPPoolSentMessageInfo,
  Transporter,
} from "nodemailer";
import type { Readable } from "node:stream";
import { UsageError } from "../errors.ts";
import type { RenderedEmail } from "../render/types.ts";
import {
  type Channel,
  type DeliveryResult,
  NO_HOOKS,
  type OutgoingMessage,
} from "./channel.ts";

/** Options of {@link createSmtpChannel}. */
export interface SmtpChannelOptions {
  /** SMTP_URL, e.g. `smtp://user:pass@host:587` or `smtps://user:pass@host:465` (a secret). */
  url: string;
  /** Waits between attempts (tests pass a fake that records the delays). */
  sleep?: (ms: number) => Promise<void>;
  /** Delay before each retry of a transient failure; its length is the number of retries. */
  retryDelays?: readonly number[];
  /** Parallel connections of the pool (default 5). */
  maxConnections?: number;
}

/** The connection settings read from SMTP_URL. */
export interface SmtpSettings {
  /** `smtps:` — TLS from the first byte; `smtp:` — plain, upgraded by STARTTLS when offered. */
  secure: boolean;
  host: string;
  port: number;
  /** Credentials, URL-decoded; null when the URL has none. */
  auth: { user: string; pass: string } | null;
  /** EHLO name (`?name=`), else `[127.0.0.1]` as nodemailer uses for a host without an FQDN. */
  name: string;
  /** `?requireTLS=true`: fail instead of sending over a connection that STARTTLS did not secure. */
  requireTLS: boolean;
  /** `?ignoreTLS=true`: never use STARTTLS even when offered. */
  ignoreTLS: boolean;
  /** `?tls.rejectUnauthorized=false`: accept a self-signed server certificate. */
  rejectUnauthorized: boolean;
}

/** Default delays before the three retries of a transient failure (contract: about 1, 2, 4 s). */
export const DEFAULT_RETRY_DELAYS: readonly number[] = [1_000, 2_000, 4_000];

// Error codes of nodemailer that mean the connection failed rather than the server answering.
const NETWORK_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS"]);

// Node's codes for a certificate the client refused: a setup problem that a retry won't fix.
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|^ERR_(TLS|SSL)_/;

const BOOLEAN_PARAMS = new Set([
  "requireTLS",
  "ignoreTLS",
  "tls.rejectUnauthorized",
]);

/**
 * Reads SMTP_URL. Throws UsageError (exit 2) for a malformed URL; the message never repeats the
 * URL, which holds the password.
 */
export function parseSmtpUrl(url: string): SmtpSettings {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed === null || !["smtp:", "smtps:"].includes(parsed.protocol)) {
    throw new UsageError(
      "SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465",
    );
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") throw new UsageError("SMTP_URL has no host name");
  const secure = parsed.protocol === "smtps:";
  const params = readParams(parsed.searchParams);
  return {
    secure,
    host,
    port: parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port),
    auth: readAuth(parsed),
    name: params.get("name") ?? "[127.0.0.1]",
    requireTLS: params.get("requireTLS") === "true",
    ignoreTLS: params.get("ignoreTLS") === "true",
    rejectUnauthorized: params.get("tls.rejectUnauthorized") !== "false",
  };
}

/** SMTP_URL with the password replaced by `***`, for --verbose output and docs. */
export function redactSmtpUrl(url: string): string {
  if (!URL.canParse(url)) return "(invalid SMTP_URL)";
  const parsed = new URL(url);
  if (parsed.password !== "") parsed.password = "***";
  return parsed.href;
}

function readAuth(url: URL): SmtpSettings["auth"] {
  if (url.username === "" && url.password === "") return null;
  try {
    return {
      user: decodeURIComponent(url.username),
      pass: decodeURIComponent(url.password),
    };
  } catch {
    throw new UsageError(
      "SMTP_URL has a badly URL-encoded user name or password",
    );
  }
}

function readParams(search: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of search) {
    if (key === "name" && /^[\w.\-\[\]:]+$/.test(value)) {
      params.set(key, value);
    } else if (BOOLEAN_PARAMS.has(key) && /^(true|false)$/.test(value)) {
      params.set(key, value);
    } else {
      throw unknownOption(key);
    }
  }
  return params;
}

// Echoes the option name only when it looks like one: a pasted secret must not be printed.
function unknownOption(key: string): UsageError {
  const name = /^[A-Za-z][\w.]{0,30}$/.test(key) ? `"${key}"` : "";
  return new UsageError(
    `SMTP_URL has an unknown or invalid option ${name}`.trimEnd() +
      " (known: name, requireTLS, ignoreTLS, tls.rejectUnauthorized)",
  );
}

/** Creates the SMTP channel. Throws UsageError for a malformed URL (nothing is connected yet). */
export function createSmtpChannel(options: SmtpChannelOptions): Channel {
  const transporter = createTransporter(
    parseSmtpUrl(options.url),
    options.maxConnections ?? 5,
  );
  const trackers = new Map<string, ContentTracker>();
  transporter.use("stream", trackContent(trackers));
  const state: ChannelState = {
    transporter,
    trackers,
    sleep: options.sleep ?? defaultSleep,
    retryDelays: options.retryDelays ?? DEFAULT_RETRY_DELAYS,
  };
  return {
    name: "smtp",
    hooks: NO_HOOKS,
    resendSafe: false,
    deliver: (message) => deliverWithRetries(state, message),
    close: () => {
      transporter.close();
      return Promise.resolve();
    },
  };
}

type SmtpTransporter = Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;

/** Whether the whole message content of one attempt was handed to the server. */
interface ContentTracker {
  contentSent: boolean;
}

interface ChannelState {
  transporter: SmtpTransporter;
  /** Trackers of the attempts in flight, keyed by Message-ID. */
  trackers: Map<string, ContentTracker>;
  sleep: (ms: number) => Promise<void>;
  retryDelays: readonly number[];
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function createTransporter(
  settings: SmtpSettings,
  maxConnections: number,
): SmtpTransporter {
  return nodemailer.createTransport({
    pool: true,
    maxConnections,
    // The pool would resend a message on a new connection after some drops; retries are
    // decided here instead, where "was the content sent?" is known.
    maxRequeues: 0,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ignoreTLS: settings.ignoreTLS,
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    // An explicit name keeps nodemailer from asking the OS for its host name (--allow-sys).
    name: settings.name,
    ...(settings.auth === null ? {} : { auth: settings.auth }),
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

/**
 * A nodemailer "stream" plugin: marks an attempt's tracker once the SMTP connection has read the
 * whole message (the last byte goes out right after; the server's reply is what is left).
 */
function trackContent(
  trackers: Map<string, ContentTracker>,
): (mail: MailMessage<SMTPPoolSentMessageInfo>, done: () => void) => void {
  return (mail, done) => {
    const tracker = trackers.get(mail.message.messageId());
    if (tracker !== undefined) {
      mail.message.processFunc((input: Readable) => {
        input.once("end", () => tracker.contentSent = true);
        return input;
      });
    }
    done();
  };
}

/** One attempt's result, and whether retrying within the run may help. */
export interface SmtpAttempt {
  result: DeliveryResult;
  retry: boolean;
}

async function deliverWithRetries(
  state: ChannelState,
  message: OutgoingMessage,
): Promise<DeliveryResult> {
  if (message.fromAddress === "") {
    return { status: "failed", reason: "no-from-address", transient: false };
  }
  const mail = mailOptions(message);
  for (let attempt = 0;; attempt++) {
    const outcome = await attemptOnce(state, mail);
    const delay = state.retryDelays[attempt];
    if (!outcome.retry || delay === undefined) return outcome.result;
    await state.sleep(delay);
  }
}

async function attemptOnce(
  state: ChannelState,
  mail: SendMailOptions & { messageId: string },
): Promise<SmtpAttempt> {
  const tracker: ContentTracker = { contentSent: false };
  state.trackers.set(mail.messageId, tracker);
  try {
    await state.transporter.sendMail(mail);
    return { result: { status: "sent" }, retry: false };
  } catch (error) {
    // A missing Deno permission is a setup mistake for the caller to report, not a bounce.
    if (error instanceof Deno.errors.NotCapable) throw error;
    return classifyError(error, tracker.contentSent);
  } finally {
    state.trackers.delete(mail.messageId);
  }
}

/** Maps a nodemailer error to a delivery result; only codes and numbers are read from it. */
export function classifyError(
  error: unknown,
  contentSent: boolean,
): SmtpAttempt {
  const code = property(error, "code");
  const reply = property(error, "responseCode");
  // Checked before the reply code: a refused STARTTLS says nothing about the message.
  if (isTlsFailure(code, property(error, "originalCode"))) {
    return final(failed("smtp-tls", true));
  }
  if (typeof reply === "number" && reply >= 400 && reply < 600) {
    return classifyReply(reply, code === "EAUTH");
  }
  if (typeof code === "string" && NETWORK_CODES.has(code)) {
    // Lost after the content went out: the server may have queued it, so never resend blindly.
    return contentSent
      ? final({ status: "unknown", reason: "connection-lost" })
      : { result: failed("network", true), retry: true };
  }
  if (code === "EAUTH") return final(failed("smtp-auth", true));
  if (code === "EENVELOPE") return final(failed("invalid-address", false));
  return final(
    contentSent
      ? { status: "unknown", reason: "smtp-error" }
      : failed("smtp-error", true),
  );
}

function isTlsFailure(code: unknown, cause: unknown): boolean {
  return code === "ETLS" || (typeof cause === "string" && TLS_CODE.test(cause));
}

function final(result: DeliveryResult): SmtpAttempt {
  return { result, retry: false };
}

function classifyReply(reply: number, isAuth: boolean): SmtpAttempt {
  const reason = `smtp-${reply}`;
  if (reply < 500) return { result: failed(reason, true), retry: true };
  // A refused login is a setup mistake, not a property of the message: a later run retries it
  // once SMTP_URL is fixed, but retrying now would only be refused again.
  return final(failed(reason, isAuth));
}

function failed(reason: string, transient: boolean): DeliveryResult {
  return { status: "failed", reason, transient };
}

function property(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Collapses every whitespace run to one space and trims (upstream collapses only 32 runs). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The HTML part: upstream django_email's minimal document around head_html and body_html. */
export function htmlDocument(rendered: RenderedEmail): string {
  return `<!DOCTYPE html>\n<html>\n  <head>\n    ${rendered.head_html}\n  </head>\n` +
    `  <body>\n    ${rendered.body_html}\n  </body>\n</html>`;
}

function mailOptions(
  message: OutgoingMessage,
): SendMailOptions & { messageId: string } {
  const { rendered } = message;
  return {
    from: {
      name: collapseWhitespace(rendered.from_name),
      address: message.fromAddress,
    },
    to: { name: "", address: message.recipient },
    envelope: { from: message.fromAddress, to: [message.recipient] },
    subject: collapseWhitespace(rendered.subject),
    // text before html: nodemailer builds multipart/alternative in this order.
    text: rendered.body,
    html: htmlDocument(rendered),
    messageId: `<${message.uuid}@${messageIdDomain(message.siteDomain)}>`,
    headers: unsubscribeHeaders(message.unsubscribeUrl),
  };
}

// A Message-ID's right side is a domain: a port (`localhost:8000`) is not allowed there.
function messageIdDomain(siteDomain: string): string {
  return siteDomain.replace(/:\d+$/, "").toLowerCase();
}

function unsubscribeHeaders(url: string | null): Record<string, string> {
  if (url === null || url === "") return {};
  return {
    "List-Unsubscribe": `<${url}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
