/**
 * Tests of the SMTP channel against a local smtp-server on 127.0.0.1: message content and
 * headers as a mail client sees them, AUTH, and the retry rules that keep delivery exactly-once.
 * Retry delays are recorded by a fake sleep, so no test waits.
 */
import assert from "node:assert/strict";
import {
  classifyError,
  collapseWhitespace,
  createSmtpChannel,
  DEFAULT_RETRY_DELAYS,
  parseSmtpUrl,
  redactSmtpUrl,
} from "../../src/channels/smtp_channel.ts";
import type {
  Channel,
  DeliveryResult,
  OutgoingMessage,
} from "../../src/channels/channel.ts";
import { UsageError } from "../../src/errors.ts";
import {
  closedPort,
  type MimePart,
  parseMime,
  type SmtpServerOptions,
  type SmtpTestServer,
  startSmtpServer,
} from "../_support/smtp_server.ts";

const PASSWORD = "s3cr3t/P@ss:w%rd Ü";
const CREDENTIALS = { user: "mailer@example.org", pass: PASSWORD };

function outgoing(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    uuid: "6f1c1b0e-4a55-4f5e-9b7a-0c2d3e4f5a6b",
    sendUuid: "0a1b2c3d-0000-4000-8000-000000000001",
    name: "recurringnudge_day3",
    siteDomain: "courses.example.org",
    userId: 42,
    recipient: "learner@example.com",
    fromAddress: "no-reply@example.org",
    date: "2024-03-04",
    rendered: {
      from_name: "Académie Ñandú",
      subject: "Keep learning with Ñandú",
      head_html: "<title>Keep learning</title>",
      body_html: "<p>Bonjour, continuez à apprendre.</p>",
      body: "Bonjour, continuez à apprendre.\n",
    },
    unsubscribeUrl: null,
    ...overrides,
  };
}

/** A channel and server for one test, both closed afterwards; `sleeps` records retry delays. */
interface Fixture {
  server: SmtpTestServer;
  channel: Channel;
  sleeps: number[];
}

async function withSmtp(
  options: SmtpServerOptions & { url?: (server: SmtpTestServer) => string },
  run: (fixture: Fixture) => Promise<void>,
): Promise<void> {
  const server = await startSmtpServer(options);
  const sleeps: number[] = [];
  let channel: Channel | null = null;
  try {
    channel = createSmtpChannel({
      url: options.url?.(server) ?? server.url(),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    await run({ server, channel, sleeps });
  } finally {
    await channel?.close();
    await server.close();
  }
}

async function sendOne(
  overrides: Partial<OutgoingMessage> = {},
): Promise<{ result: DeliveryResult; mime: MimePart }> {
  let result: DeliveryResult | null = null;
  let raw = "";
  await withSmtp({}, async ({ server, channel }) => {
    result = await channel.deliver(outgoing(overrides));
    assert.equal(server.messages.length, 1);
    raw = server.messages[0]?.raw ?? "";
  });
  assert.ok(result !== null);
  return { result, mime: parseMime(raw) };
}

Deno.test("deliver() sends a multipart/alternative message with the text part before the HTML part", async () => {
  const { result, mime } = await sendOne();
  assert.deepEqual(result, { status: "sent" });
  assert.equal(mime.contentType, "multipart/alternative");
  assert.deepEqual(mime.parts.map((part) => part.contentType), [
    "text/plain",
    "text/html",
  ]);
  assert.deepEqual(mime.parts.map((part) => part.charset?.toLowerCase()), [
    "utf-8",
    "utf-8",
  ]);
  assert.equal(mime.parts[0]?.body, "Bonjour, continuez à apprendre.\n");
});

Deno.test("deliver() wraps head_html and body_html in upstream's minimal HTML document", async () => {
  const { mime } = await sendOne();
  assert.equal(
    mime.parts[1]?.body,
    "<!DOCTYPE html>\n<html>\n  <head>\n    <title>Keep learning</title>\n  </head>\n" +
      "  <body>\n    <p>Bonjour, continuez à apprendre.</p>\n  </body>\n</html>",
  );
});

Deno.test("deliver() encodes a non-ASCII from-name and subject as UTF-8 words", async () => {
  const { mime } = await sendOne();
  assert.equal(
    mime.headers.get("from"),
    "Académie Ñandú <no-reply@example.org>",
  );
  assert.equal(mime.headers.get("subject"), "Keep learning with Ñandú");
  // Headers themselves stay 7-bit: the non-ASCII text travels as RFC 2047 words.
  assert.match(mime.rawHeaders.get("from") ?? "", /^=\?UTF-8\?[QB]\?/i);
  assert.doesNotMatch(mime.rawHeaders.get("subject") ?? "", /[^\x20-\x7e]/);
});

Deno.test("deliver() addresses the bare recipient and sets Message-ID from the uuid and site", async () => {
  let envelope: { from: string; to: string[] } | null = null;
  let mime: MimePart | null = null;
  await withSmtp({}, async ({ server, channel }) => {
    await channel.deliver(outgoing({ siteDomain: "Courses.Example.org:8000" }));
    const received = server.messages[0];
    assert.ok(received);
    envelope = { from: received.mailFrom, to: received.rcptTo };
    mime = parseMime(received.raw);
  });
  assert.deepEqual(envelope, {
    from: "no-reply@example.org",
    to: ["learner@example.com"],
  });
  const headers = (mime as MimePart | null)?.headers;
  assert.equal(headers?.get("to"), "learner@example.com");
  assert.equal(
    headers?.get("message-id"),
    "<6f1c1b0e-4a55-4f5e-9b7a-0c2d3e4f5a6b@courses.example.org>",
  );
});

Deno.test("deliver() adds the one-click List-Unsubscribe pair only when there is an unsubscribe URL", async () => {
  const url = "https://courses.example.org/api/unsubscribe/abc123?x=1";
  const withUrl = await sendOne({ unsubscribeUrl: url });
  assert.equal(withUrl.mime.headers.get("list-unsubscribe"), `<${url}>`);
  assert.equal(
    withUrl.mime.headers.get("list-unsubscribe-post"),
    "List-Unsubscribe=One-Click",
  );
  const without = await sendOne({ unsubscribeUrl: null });
  assert.equal(without.mime.headers.has("list-unsubscribe"), false);
  assert.equal(without.mime.headers.has("list-unsubscribe-post"), false);
});

Deno.test("deliver() collapses every whitespace run of the subject, not only the first 32", async () => {
  const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const separators = [" \t ", "\n", "  ", "\r\n ", "\u00a0 "];
  const subject = "  " +
    words.map((word, i) => word + separators[i % separators.length]).join("");
  const { mime } = await sendOne({
    rendered: { ...outgoing().rendered, subject },
  });
  assert.equal(mime.headers.get("subject"), words.join(" "));
});

Deno.test("collapseWhitespace() trims and leaves single spaces alone", () => {
  assert.equal(collapseWhitespace("\t a b  c \n"), "a b c");
  assert.equal(collapseWhitespace("   "), "");
});

Deno.test("deliver() logs in with AUTH using the URL-decoded credentials", async () => {
  await withSmtp(
    { auth: CREDENTIALS, url: (server) => server.url(CREDENTIALS) },
    async ({ server, channel }) => {
      const result = await channel.deliver(outgoing());
      assert.deepEqual(result, { status: "sent" });
      assert.equal(server.messages[0]?.user, CREDENTIALS.user);
    },
  );
});

Deno.test("deliver() reports a refused login as a transient failure without retrying it", async () => {
  const wrong = { user: CREDENTIALS.user, pass: "wrong" };
  await withSmtp(
    { auth: CREDENTIALS, url: (server) => server.url(wrong) },
    async ({ server, channel, sleeps }) => {
      const result = await channel.deliver(outgoing());
      assert.deepEqual(result, {
        status: "failed",
        reason: "smtp-535",
        transient: true,
      });
      assert.deepEqual(sleeps, []);
      assert.equal(server.transactions, 0);
    },
  );
});

Deno.test("deliver() retries a 4xx reply at RCPT TO with backoff, then sends", async () => {
  await withSmtp({}, async ({ server, channel, sleeps }) => {
    server.script(
      { kind: "reject", at: "rcpt", code: 451 },
      { kind: "reject", at: "rcpt", code: 450 },
    );
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, { status: "sent" });
    assert.deepEqual(sleeps, [1_000, 2_000]);
    assert.equal(server.transactions, 3);
    assert.deepEqual(server.messages.map((m) => m.outcome), ["accepted"]);
  });
});

Deno.test("deliver() fails transiently after a 4xx reply to the content on every attempt", async () => {
  await withSmtp({}, async ({ server, channel, sleeps }) => {
    const busy = { kind: "reject", at: "data", code: 452 } as const;
    server.script(busy, busy, busy, busy, busy);
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, {
      status: "failed",
      reason: "smtp-452",
      transient: true,
    });
    assert.deepEqual(sleeps, [...DEFAULT_RETRY_DELAYS]);
    assert.equal(server.transactions, 4, "one attempt and three retries");
  });
});

Deno.test("deliver() fails permanently on a 550 at RCPT TO and does not retry", async () => {
  await withSmtp({}, async ({ server, channel, sleeps }) => {
    server.script({ kind: "reject", at: "rcpt", code: 550 });
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, {
      status: "failed",
      reason: "smtp-550",
      transient: false,
    });
    assert.equal(server.transactions, 1);
    assert.deepEqual(sleeps, []);
  });
});

Deno.test("deliver() fails permanently on a 554 reply to the content and does not retry", async () => {
  await withSmtp({}, async ({ server, channel, sleeps }) => {
    server.script({ kind: "reject", at: "data", code: 554 });
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, {
      status: "failed",
      reason: "smtp-554",
      transient: false,
    });
    assert.equal(server.messages.length, 1);
    assert.deepEqual(sleeps, []);
  });
});

Deno.test("deliver() reports unknown, without resending, when the connection drops after the content", async () => {
  await withSmtp({}, async ({ server, channel, sleeps }) => {
    server.script({ kind: "drop" });
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, { status: "unknown", reason: "connection-lost" });
    assert.equal(server.messages.length, 1);
    assert.equal(server.transactions, 1);
    assert.deepEqual(sleeps, []);
    // The pool recovers: the next message goes out on a new connection.
    assert.deepEqual(await channel.deliver(outgoing({ uuid: "next" })), {
      status: "sent",
    });
    assert.equal(server.messages.length, 2);
  });
});

Deno.test("deliver() retries a connection lost before the content was sent, then sends", async () => {
  await withSmtp({}, async ({ server, channel, sleeps }) => {
    server.script({ kind: "drop", at: "rcpt" });
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, { status: "sent" });
    assert.deepEqual(sleeps, [1_000]);
    assert.equal(server.transactions, 2);
    assert.deepEqual(server.messages.map((m) => m.outcome), ["accepted"]);
  });
});

Deno.test("deliver() upgrades with STARTTLS when the server offers it", async () => {
  await withSmtp(
    {
      startTls: true,
      url: (server) => `${server.url()}?tls.rejectUnauthorized=false`,
    },
    async ({ server, channel }) => {
      assert.deepEqual(await channel.deliver(outgoing()), { status: "sent" });
      assert.equal(server.messages[0]?.secure, true);
    },
  );
});

Deno.test("deliver() speaks TLS from the first byte with an smtps:// URL", async () => {
  await withSmtp(
    {
      implicitTls: true,
      auth: CREDENTIALS,
      url: (server) =>
        `${server.url(CREDENTIALS)}?tls.rejectUnauthorized=false`,
    },
    async ({ server, channel }) => {
      assert.deepEqual(await channel.deliver(outgoing()), { status: "sent" });
      assert.equal(server.messages[0]?.secure, true);
      assert.equal(server.messages[0]?.user, CREDENTIALS.user);
    },
  );
});

Deno.test("deliver() fails with smtp-tls, without retrying, when the certificate is refused", async () => {
  await withSmtp({ startTls: true }, async ({ server, channel, sleeps }) => {
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, {
      status: "failed",
      reason: "smtp-tls",
      transient: true,
    });
    assert.deepEqual(sleeps, []);
    assert.equal(server.messages.length, 0);
  });
});

Deno.test("deliver() stays on plain TCP with ignoreTLS even when STARTTLS is offered", async () => {
  await withSmtp(
    { startTls: true, url: (server) => `${server.url()}?ignoreTLS=true` },
    async ({ server, channel }) => {
      assert.deepEqual(await channel.deliver(outgoing()), { status: "sent" });
      assert.equal(server.messages[0]?.secure, false);
    },
  );
});

Deno.test("deliver() fails with smtp-tls when requireTLS is set and the server has no STARTTLS", async () => {
  await withSmtp(
    { url: (server) => `${server.url()}?requireTLS=true` },
    async ({ server, channel, sleeps }) => {
      const result = await channel.deliver(outgoing());
      assert.deepEqual(result, {
        status: "failed",
        reason: "smtp-tls",
        transient: true,
      });
      assert.deepEqual(sleeps, []);
      assert.equal(server.transactions, 0);
    },
  );
});

Deno.test("deliver() retries a refused connection, then fails with reason network", async () => {
  const sleeps: number[] = [];
  const channel = createSmtpChannel({
    url: `smtp://127.0.0.1:${closedPort()}`,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  try {
    const result = await channel.deliver(outgoing());
    assert.deepEqual(result, {
      status: "failed",
      reason: "network",
      transient: true,
    });
    assert.deepEqual(sleeps, [1_000, 2_000, 4_000]);
  } finally {
    await channel.close();
  }
});

Deno.test("deliver() fails with no-from-address before connecting when the sender is empty", async () => {
  await withSmtp({}, async ({ server, channel }) => {
    const result = await channel.deliver(outgoing({ fromAddress: "" }));
    assert.deepEqual(result, {
      status: "failed",
      reason: "no-from-address",
      transient: false,
    });
    assert.equal(server.connections, 0);
  });
});

Deno.test("deliver() sends concurrent messages over at most maxConnections connections", async () => {
  const server = await startSmtpServer();
  const channel = createSmtpChannel({ url: server.url(), maxConnections: 2 });
  try {
    const uuids = Array.from({ length: 8 }, (_, i) => `uuid-${i}`);
    const results = await Promise.all(
      uuids.map((uuid) => channel.deliver(outgoing({ uuid }))),
    );
    assert.ok(results.every((result) => result.status === "sent"));
    const ids = server.messages.map((m) =>
      parseMime(m.raw).headers.get("message-id")
    );
    assert.deepEqual(
      ids.toSorted(),
      uuids.map((uuid) => `<${uuid}@courses.example.org>`).toSorted(),
    );
    assert.ok(server.connections <= 2, `${server.connections} connections`);
  } finally {
    await channel.close();
    await server.close();
  }
});

Deno.test("the SMTP password never appears in results, errors or console output", async () => {
  const encoded = encodeURIComponent(PASSWORD);
  const seen: string[] = [];
  const restore = captureConsole(seen);
  try {
    seen.push(...await failureResults(encoded));
    for (const url of badUrls(encoded)) {
      assert.throws(() => parseSmtpUrl(url), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        seen.push(error.message, String(error.stack));
        return true;
      });
    }
  } finally {
    restore();
  }
  assert.ok(seen.length > 8);
  for (const text of seen) {
    assert.ok(!text.includes(PASSWORD), text);
    assert.ok(!text.includes(encoded), text);
    assert.ok(!text.includes("s3cr3t"), text);
  }
});

/** Results (as JSON) of every kind of failure against a server that requires AUTH. */
async function failureResults(encoded: string): Promise<string[]> {
  const results: DeliveryResult[] = [];
  const user = encodeURIComponent(CREDENTIALS.user);
  await withSmtp(
    { auth: CREDENTIALS, url: (server) => server.url(CREDENTIALS) },
    async ({ server, channel }) => {
      server.script(
        { kind: "reject", at: "rcpt", code: 550 },
        { kind: "drop" },
        { kind: "reject", at: "data", code: 554 },
      );
      for (let i = 0; i < 4; i++) {
        results.push(await channel.deliver(outgoing()));
      }
    },
  );
  await withSmtp(
    { auth: { user: CREDENTIALS.user, pass: "other" } },
    async ({ channel }) => {
      results.push(await channel.deliver(outgoing()));
    },
  );
  const refused = createSmtpChannel({
    url: `smtp://${user}:${encoded}@127.0.0.1:${closedPort()}`,
    sleep: () => Promise.resolve(),
  });
  try {
    results.push(await refused.deliver(outgoing()));
  } finally {
    await refused.close();
  }
  assert.deepEqual(results.map((r) => r.status), [
    "failed",
    "unknown",
    "failed",
    "sent",
    "failed",
    "failed",
  ]);
  return results.map((result) => JSON.stringify(result));
}

function badUrls(encoded: string): string[] {
  return [
    `http://user:${encoded}@host:25`,
    `smtp://user:${encoded}@:25`,
    `smtp://user:${encoded}@host:25?secret=${encoded}`,
    `smtp://user:%E0%A4%A@host:25`,
    `smtp://user:${encoded}@host:99999`,
    `not a url ${PASSWORD}`,
  ];
}

function captureConsole(into: string[]): () => void {
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const originals = methods.map((method) => console[method]);
  for (const method of methods) {
    console[method] = (...args: unknown[]) =>
      into.push(args.map(String).join(" "));
  }
  return () => methods.forEach((method, i) => console[method] = originals[i]!);
}

Deno.test("parseSmtpUrl() reads both URL forms with default ports and decoded credentials", () => {
  assert.deepEqual(
    parseSmtpUrl(
      `smtp://a%40b.org:${encodeURIComponent(PASSWORD)}@mail.example.org`,
    ),
    {
      secure: false,
      host: "mail.example.org",
      port: 587,
      auth: { user: "a@b.org", pass: PASSWORD },
      name: "[127.0.0.1]",
      requireTLS: false,
      ignoreTLS: false,
      rejectUnauthorized: true,
    },
  );
  const tls = parseSmtpUrl("smtps://u:p@[::1]?name=mta.example.org");
  assert.deepEqual([tls.secure, tls.host, tls.port, tls.name], [
    true,
    "::1",
    465,
    "mta.example.org",
  ]);
  assert.equal(parseSmtpUrl("smtp://localhost:2525").auth, null);
  const options = parseSmtpUrl(
    "smtp://h:25?requireTLS=true&ignoreTLS=false&tls.rejectUnauthorized=false",
  );
  assert.deepEqual(
    [options.requireTLS, options.ignoreTLS, options.rejectUnauthorized],
    [true, false, false],
  );
});

Deno.test("createSmtpChannel() throws UsageError for a malformed SMTP_URL", () => {
  assert.throws(
    () => createSmtpChannel({ url: "smtp//nohost" }),
    UsageError,
  );
  assert.throws(
    () => createSmtpChannel({ url: "smtp://h:25?pool=false" }),
    /unknown or invalid option "pool"/,
  );
});

Deno.test("redactSmtpUrl() hides the password and keeps the rest", () => {
  assert.equal(
    redactSmtpUrl(
      `smtp://user:${encodeURIComponent(PASSWORD)}@mail.example.org:587`,
    ),
    "smtp://user:***@mail.example.org:587",
  );
  assert.equal(
    redactSmtpUrl("smtp://mail.example.org"),
    "smtp://mail.example.org",
  );
  assert.equal(redactSmtpUrl(`nonsense ${PASSWORD}`), "(invalid SMTP_URL)");
});

Deno.test("classifyError() treats a lost connection as unknown only once the content was sent", () => {
  for (const code of ["ECONNECTION", "ETIMEDOUT", "ESOCKET"]) {
    const error = Object.assign(new Error("lost"), { code });
    assert.deepEqual(classifyError(error, true), {
      result: { status: "unknown", reason: "connection-lost" },
      retry: false,
    });
    assert.deepEqual(classifyError(error, false), {
      result: { status: "failed", reason: "network", transient: true },
      retry: true,
    });
  }
  // A reply, even after the content, means the server refused it: safe to retry a 421.
  const closing = Object.assign(new Error("closing"), {
    code: "ECONNECTION",
    responseCode: 421,
  });
  assert.deepEqual(classifyError(closing, true), {
    result: { status: "failed", reason: "smtp-421", transient: true },
    retry: true,
  });
  assert.deepEqual(classifyError("not an error", false).result, {
    status: "failed",
    reason: "smtp-error",
    transient: true,
  });
});
