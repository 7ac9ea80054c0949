/**
 * A local SMTP server for tests (smtp-server on 127.0.0.1, random port) that records every
 * message it receives and can be told how to answer the next transactions: a 4xx/5xx reply at
 * RCPT TO or after the DATA content, or a dropped connection after the content (no reply), which
 * is the case the SMTP channel must report as `unknown`.
 *
 * Also a small MIME reader (headers with RFC 2047 words, multipart parts, quoted-printable and
 * base64 bodies), enough to check what nodemailer wrote without another dependency.
 */
import { SMTPServer } from "smtp-server";
import type {
  SMTPServerAddress,
  SMTPServerAuthentication,
  SMTPServerDataStream,
  SMTPServerSession,
} from "smtp-server";

/** How the server answers one transaction (one MAIL FROM … message). */
export type ScriptedReply =
  | { kind: "accept" }
  /** Reply `code` at RCPT TO, or after the DATA content has been received. */
  | { kind: "reject"; at: "rcpt" | "data"; code: number; text?: string }
  /**
   * Close the connection without replying: at RCPT TO (nothing sent yet), or by default after
   * receiving the DATA content.
   */
  | { kind: "drop"; at?: "rcpt" | "data" };

/** One DATA content the server received, whatever it answered. */
export interface ReceivedMessage {
  raw: string;
  mailFrom: string;
  rcptTo: string[];
  /** The authenticated user, else null. */
  user: string | null;
  /** Whether the session ran over TLS (after STARTTLS). */
  secure: boolean;
  outcome: "accepted" | "rejected" | "dropped";
}

/** Options of {@link startSmtpServer}. */
export interface SmtpServerOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials (over plain TCP). */
  auth?: { user: string; pass: string };
  /** Offer STARTTLS with smtp-server's built-in self-signed certificate (default: no TLS). */
  startTls?: boolean;
  /** TLS from the first byte (`smtps://`), with the same self-signed certificate. */
  implicitTls?: boolean;
  /** Port to listen on (default: a random free one). */
  port?: number;
  /** Called with each message received (e.g. to print it when used as a local mail sink). */
  onMessage?: (message: ReceivedMessage) => void;
}

/** A running test server. */
export interface SmtpTestServer {
  readonly port: number;
  /** Every DATA content received, in order. */
  readonly messages: ReceivedMessage[];
  /** Number of transactions started (MAIL FROM commands accepted). */
  readonly transactions: number;
  /** Number of TCP connections accepted. */
  readonly connections: number;
  /** The replies of the next transactions, in order; later ones are accepted. */
  script(...replies: ScriptedReply[]): void;
  /** `smtp://127.0.0.1:<port>` (`smtps://` with implicitTls), with URL-encoded credentials. */
  url(auth?: { user: string; pass: string }): string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

interface ServerState {
  messages: ReceivedMessage[];
  queue: ScriptedReply[];
  /** The reply chosen for each session's current transaction. */
  current: Map<string, ScriptedReply>;
  transactions: number;
  connections: number;
}

/** Starts a server on 127.0.0.1 with a random port; close it in a `finally`. */
export async function startSmtpServer(
  options: SmtpServerOptions = {},
): Promise<SmtpTestServer> {
  const state: ServerState = {
    messages: [],
    queue: [],
    current: new Map(),
    transactions: 0,
    connections: 0,
  };
  const server = createServer(state, options);
  // A client that rejects the certificate or hangs up makes smtp-server emit "error";
  // unhandled, that would crash the test run instead of failing one delivery.
  server.on("error", () => {});
  const port = await listen(server, options.port ?? 0);
  return {
    port,
    messages: state.messages,
    get transactions() {
      return state.transactions;
    },
    get connections() {
      return state.connections;
    },
    script: (...replies) => state.queue.push(...replies),
    url: (auth) =>
      serverUrl(options.implicitTls ? "smtps" : "smtp", port, auth),
    close: () => closeServer(server),
  };
}

function serverUrl(
  scheme: string,
  port: number,
  auth?: { user: string; pass: string },
): string {
  if (auth === undefined) return `${scheme}://127.0.0.1:${port}`;
  const user = encodeURIComponent(auth.user);
  return `${scheme}://${user}:${
    encodeURIComponent(auth.pass)
  }@127.0.0.1:${port}`;
}

function createServer(
  state: ServerState,
  options: SmtpServerOptions,
): SMTPServer {
  const server: SMTPServer = new SMTPServer({
    // A fixed name keeps smtp-server from asking the OS for the host name.
    name: "localhost",
    logger: false,
    secure: options.implicitTls === true,
    // Plain TCP unless asked: the channel must not insist on TLS when the server offers none.
    disabledCommands: [
      ...(options.startTls ? [] : ["STARTTLS"]),
      ...(options.auth ? [] : ["AUTH"]),
    ],
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: true,
    authOptional: options.auth === undefined,
    closeTimeout: 200,
    onConnect: (_session, callback) => {
      state.connections++;
      callback();
    },
    onAuth: (auth, _session, callback) => checkAuth(auth, options, callback),
    onMailFrom: (_address, session, callback) => {
      state.transactions++;
      state.current.set(session.id, state.queue.shift() ?? { kind: "accept" });
      callback();
    },
    onRcptTo: (address, session, callback) =>
      onRcptTo(state, server, address, session, callback),
    onData: (stream, session, callback) =>
      onData(state, options, server, stream, session, callback),
  });
  return server;
}

function checkAuth(
  auth: SMTPServerAuthentication,
  options: SmtpServerOptions,
  callback: (err: Error | null, response?: { user: string }) => void,
): void {
  const expected = options.auth;
  if (
    expected !== undefined && auth.username === expected.user &&
    auth.password === expected.pass
  ) {
    callback(null, { user: expected.user });
    return;
  }
  callback(smtpError(535, "Authentication failed"));
}

function onRcptTo(
  state: ServerState,
  server: SMTPServer,
  _address: SMTPServerAddress,
  session: SMTPServerSession,
  callback: (err?: Error | null) => void,
): void {
  const reply = state.current.get(session.id);
  if (reply?.kind === "drop" && reply.at === "rcpt") {
    dropConnection(server, session.id);
    return;
  }
  if (reply?.kind === "reject" && reply.at === "rcpt") {
    callback(smtpError(reply.code, reply.text));
    return;
  }
  callback();
}

function onData(
  state: ServerState,
  options: SmtpServerOptions,
  server: SMTPServer,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  callback: (err?: Error | null) => void,
): void {
  const chunks: Uint8Array[] = [];
  stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
  stream.on("end", () => {
    const reply = state.current.get(session.id) ?? { kind: "accept" };
    const message = received(session, chunks, outcomeOf(reply));
    state.messages.push(message);
    options.onMessage?.(message);
    if (reply.kind === "drop") {
      dropConnection(server, session.id);
    } else if (reply.kind === "reject") {
      callback(smtpError(reply.code, reply.text));
    } else {
      callback();
    }
  });
}

function outcomeOf(reply: ScriptedReply): ReceivedMessage["outcome"] {
  if (reply.kind === "drop") return "dropped";
  return reply.kind === "reject" ? "rejected" : "accepted";
}

function received(
  session: SMTPServerSession,
  chunks: Uint8Array[],
  outcome: ReceivedMessage["outcome"],
): ReceivedMessage {
  const from = session.envelope.mailFrom;
  return {
    raw: new TextDecoder().decode(concat(chunks)),
    mailFrom: from === false ? "" : from.address,
    rcptTo: session.envelope.rcptTo.map((address) => address.address),
    user: typeof session.user === "string" ? session.user : null,
    secure: session.secure,
    outcome,
  };
}

// smtp-server has no "hang up" answer: destroy the session's socket directly.
function dropConnection(server: SMTPServer, sessionId: string): void {
  for (const connection of server.connections) {
    if (connection.id === sessionId) connection._socket.destroy();
  }
}

function smtpError(code: number, text?: string): Error {
  const message = text ??
    (code < 500 ? "Try again later" : "Mailbox unavailable");
  return Object.assign(new Error(message), { responseCode: code });
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.server.address();
      if (address === null || typeof address === "string") {
        reject(new Error("SMTP test server has no TCP address"));
        return;
      }
      resolve(address.port);
    });
  });
}

function closeServer(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => {
    for (const connection of server.connections) connection._socket.destroy();
    server.close(() => resolve());
  });
}

/** A 127.0.0.1 port nothing listens on (bound, then released), for "connection refused". */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// MIME reading

/** One decoded MIME entity. */
export interface MimePart {
  /** Header values by lower-case name, unfolded and RFC 2047-decoded; repeated names joined by ", ". */
  headers: Map<string, string>;
  /** Header values exactly as sent (unfolded, not decoded). */
  rawHeaders: Map<string, string>;
  /** Media type, lower case, e.g. `text/plain`. */
  contentType: string;
  charset: string | null;
  /** The decoded body of a leaf part ("" for a multipart). */
  body: string;
  /** The parts of a multipart entity, in order. */
  parts: MimePart[];
}

/** Parses a raw message (CRLF or LF line ends). */
export function parseMime(raw: string): MimePart {
  const text = raw.replace(/\r\n/g, "\n");
  const split = text.indexOf("\n\n");
  const head = split < 0 ? text : text.slice(0, split);
  const content = split < 0 ? "" : text.slice(split + 2);
  const rawHeaders = readHeaders(head);
  const type = rawHeaders.get("content-type") ?? "text/plain";
  const contentType = (type.split(";")[0] ?? "").trim().toLowerCase();
  const charset = parameter(type, "charset");
  const headers = new Map(
    [...rawHeaders].map(([name, value]) => [name, decodeWords(value)]),
  );
  if (contentType.startsWith("multipart/")) {
    const boundary = parameter(type, "boundary") ?? "";
    return {
      headers,
      rawHeaders,
      contentType,
      charset,
      body: "",
      parts: splitParts(content, boundary).map(parseMime),
    };
  }
  const encoding = rawHeaders.get("content-transfer-encoding") ?? "7bit";
  const body = decodeBody(content, encoding.toLowerCase());
  return { headers, rawHeaders, contentType, charset, body, parts: [] };
}

function readHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  return headers;
}

function parameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, "i").exec(header);
  return match?.[1] ?? null;
}

function splitParts(content: string, boundary: string): string[] {
  const parts = content.split(`--${boundary}`);
  // parts[0] is the preamble; the part after the closing `--boundary--` is the epilogue.
  return parts.slice(1).filter((part) => !part.startsWith("--")).map((part) =>
    part.replace(/^\n/, "").replace(/\n$/, "")
  );
}

function decodeBody(content: string, encoding: string): string {
  if (encoding === "base64") {
    return new TextDecoder().decode(base64Bytes(content.replace(/\s+/g, "")));
  }
  if (encoding === "quoted-printable") {
    return new TextDecoder().decode(qpBytes(content.replace(/=\n/g, "")));
  }
  return content;
}

function base64Bytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

function qpBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(text[i]));
    }
  }
  return new Uint8Array(bytes);
}

/**
 * Decodes RFC 2047 encoded words. Adjacent words are decoded as one byte string, since an encoder
 * may split a multi-byte character between two words; the whitespace between them is dropped.
 */
export function decodeWords(value: string): string {
  const word = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;
  const run = /=\?[^?]+\?[BbQq]\?[^?]*\?=(?:\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g;
  return value.replace(run, (words) => {
    const bytes: number[] = [];
    for (const [, kind = "Q", data = ""] of words.matchAll(word)) {
      const decoded = kind.toUpperCase() === "B"
        ? base64Bytes(data)
        : qpBytes(data.replace(/_/g, " "));
      bytes.push(...decoded);
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  });
}
