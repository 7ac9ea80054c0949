/**
 * Tests of src/channels/sailthru_channel.ts against the Sailthru stand-in: vars and options,
 * retries of 9 and 43 inside the window, final codes, unknown outcomes that are never resent,
 * refused connections, proactive throttling under concurrency, and no secret in any result.
 * Retry waits run on an injected clock, so no test sleeps for real (timeouts excepted).
 */
import assert from "node:assert/strict";
import type { OutgoingMessage } from "../../src/channels/channel.ts";
import {
  createSailthruChannel,
  SAILTHRU_HOOKS,
  type SailthruChannelOptions,
  sailthruDebugLines,
} from "../../src/channels/sailthru_channel.ts";
import {
  ACE_TEMPLATE,
  type FakeSailthru,
  type FakeSailthruOptions,
  startFakeSailthru,
} from "../_support/fake_sailthru.ts";

/** 2026-03-02 09:00:00 UTC: on a minute boundary, so rate-limit windows are easy to read. */
const START = Date.UTC(2026, 2, 2, 9, 0, 0);

/** A clock that moves only when someone sleeps; concurrent sleepers do not add up. */
function fakeClock(start = START) {
  let t = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    async sleep(ms: number) {
      waits.push(ms);
      const target = t + ms;
      await new Promise((resolve) => setTimeout(resolve, 0));
      t = Math.max(t, target);
    },
  };
}

type Clock = ReturnType<typeof fakeClock>;

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const uuid = overrides.uuid ?? crypto.randomUUID();
  return {
    uuid,
    sendUuid: "5b0c1f52-0000-4000-8000-000000000001",
    name: "recurringnudge_day3",
    siteDomain: "courses.example.com",
    userId: 42,
    recipient: "learner@example.com",
    fromAddress: "news@example.com",
    date: "2026-03-02",
    rendered: {
      from_name: "\n  Example Academy \r\n",
      subject: "\nKeep learning ",
      head_html: "  <title>Example Academy Email</title>\n",
      body_html: `\n<p>Hi</p><span id="ace-message-id">${uuid}</span>\n`,
      body: "\nHi\n\n",
    },
    unsubscribeUrl: null,
    ...overrides,
  };
}

function channelFor(
  fake: FakeSailthru,
  clock: Clock,
  extra: Partial<SailthruChannelOptions> = {},
) {
  return createSailthruChannel({
    apiUrl: fake.url,
    apiKey: fake.apiKey,
    apiSecret: fake.apiSecret,
    templateName: ACE_TEMPLATE,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...extra,
  });
}

async function withFake(
  options: FakeSailthruOptions,
  fn: (fake: FakeSailthru) => Promise<void>,
): Promise<void> {
  const fake = await startFakeSailthru(options);
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

function closedPortUrl(): string {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return `http://127.0.0.1:${port}`;
}

Deno.test("createSailthruChannel() exposes Sailthru's literal beacon and action-link placeholders", () => {
  const channel = createSailthruChannel({
    apiUrl: "http://127.0.0.1:9",
    apiKey: "k",
    apiSecret: "s",
    templateName: ACE_TEMPLATE,
    now: () => START,
  });
  assert.equal(channel.name, "sailthru");
  assert.deepEqual(channel.hooks, SAILTHRU_HOOKS);
  assert.deepEqual(channel.hooks.trackerImageSources, ["{beacon_src}"]);
  assert.deepEqual(channel.hooks.actionLinks, [
    { url: "{view_url}", label: "View on Web" },
    { url: "{optout_confirm_url}", label: "Unsubscribe from this list" },
  ]);
});

Deno.test("deliver() sends the five trimmed ace_template_* vars and behalf_email", async () => {
  await withFake({}, async (fake) => {
    const clock = fakeClock();
    const m = message();
    const result = await channelFor(fake, clock).deliver(m);
    assert.deepEqual(result, { status: "sent" });
    assert.equal(fake.sends.length, 1);
    const send = fake.sends[0]!;
    assert.equal(send.template, ACE_TEMPLATE);
    assert.equal(send.email, "learner@example.com");
    assert.deepEqual(send.vars, {
      ace_template_from_name: "Example Academy",
      ace_template_subject: "Keep learning",
      ace_template_body_html:
        `<p>Hi</p><span id="ace-message-id">${m.uuid}</span>`,
      ace_template_head_html: "<title>Example Academy Email</title>",
      ace_template_body: "Hi",
    });
    assert.deepEqual(send.options, { behalf_email: "news@example.com" });
    assert.deepEqual(clock.waits, []);
  });
});

Deno.test("deliver() sends empty options when the message has no from address", async () => {
  await withFake({}, async (fake) => {
    const result = await channelFor(fake, fakeClock()).deliver(
      message({ fromAddress: "" }),
    );
    assert.equal(result.status, "sent");
    assert.deepEqual(fake.sends[0]!.options, {});
  });
});

Deno.test("deliver() retries error 9 after 10 s ± 2 s and then succeeds", async () => {
  await withFake({}, async (fake) => {
    fake.script({ kind: "error", code: 9 }, { kind: "error", code: 9 });
    const clock = fakeClock();
    const randoms = [0, 0.999];
    const channel = channelFor(fake, clock, {
      random: () => randoms.shift() ?? 0.5,
    });
    const result = await channel.deliver(message());
    assert.deepEqual(result, { status: "sent" });
    assert.deepEqual(fake.requests.map((r) => r.status), [500, 500, 200]);
    assert.equal(fake.sends.length, 1);
    assert.equal(clock.waits.length, 2);
    assert.equal(clock.waits[0], 8_000);
    assert.ok(
      clock.waits[1]! > 11_990 && clock.waits[1]! <= 12_000,
      `${clock.waits}`,
    );
  });
});

Deno.test("deliver() waits until X-Rate-Limit-Reset after error 43 with nothing remaining", async () => {
  const clock = fakeClock();
  await withFake({ now: clock.now }, async (fake) => {
    fake.script({ kind: "rate-limit", resetInSeconds: 37 });
    const result = await channelFor(fake, clock).deliver(message());
    assert.deepEqual(result, { status: "sent" });
    assert.deepEqual(clock.waits, [37_000]);
    assert.equal(fake.sends[0]!.receivedAt, START + 37_000);
    assert.deepEqual(fake.requests.map((r) => r.error), [43, null]);
  });
});

Deno.test("deliver() uses the jittered delay after error 43 when Remaining is above 0", async () => {
  const clock = fakeClock();
  await withFake({ now: clock.now }, async (fake) => {
    fake.script({ kind: "rate-limit", resetInSeconds: 50, remaining: 4 });
    const result = await channelFor(fake, clock).deliver(message());
    assert.equal(result.status, "sent");
    assert.deepEqual(clock.waits, [10_000]);
  });
});

Deno.test("deliver() gives up as failed expired when the next attempt falls outside the window", async () => {
  await withFake({}, async (fake) => {
    fake.script(
      ...Array.from(
        { length: 20 },
        () => ({ kind: "error", code: 9 } as const),
      ),
    );
    const clock = fakeClock();
    const channel = channelFor(fake, clock, { windowMs: 30_000 });
    const result = await channel.deliver(message());
    assert.deepEqual(result, {
      status: "failed",
      reason: "expired",
      transient: true,
    });
    // Attempts at 0, 10 and 20 s; the one due at 30 s is past the window.
    assert.equal(fake.requests.length, 3);
    assert.equal(fake.sends.length, 0);
  });
});

Deno.test("deliver() caps the window at 300 s whatever windowMs says", async () => {
  await withFake({}, async (fake) => {
    fake.script(
      ...Array.from(
        { length: 20 },
        () => ({ kind: "error", code: 9 } as const),
      ),
    );
    const clock = fakeClock();
    const channel = channelFor(fake, clock, {
      windowMs: 3_600_000,
      retryDelayMs: 100_000,
      retryJitterMs: 0,
    });
    const result = await channel.deliver(message());
    assert.equal(result.status === "failed" && result.reason, "expired");
    assert.equal(fake.requests.length, 3);
    assert.ok(clock.now() - START < 300_000);
  });
});

Deno.test("deliver() gives up at once when a 43 reset lies beyond the window", async () => {
  const clock = fakeClock();
  await withFake({ now: clock.now }, async (fake) => {
    fake.script({ kind: "rate-limit", resetInSeconds: 200 });
    const result = await channelFor(fake, clock).deliver(message());
    assert.deepEqual(result, {
      status: "failed",
      reason: "expired",
      transient: true,
    });
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(clock.waits, []);
  });
});

Deno.test("deliver() reports final Sailthru codes 11, 32 and 14 without retrying", async () => {
  await withFake({ suppressed: { "optout@example.com": 32 } }, async (fake) => {
    const clock = fakeClock();
    const channel = channelFor(fake, clock);
    const invalid = await channel.deliver(
      message({ recipient: "not-an-address" }),
    );
    const optedOut = await channel.deliver(
      message({ recipient: "optout@example.com" }),
    );
    const unknownTemplate = await channelFor(fake, clock, {
      templateName: "Nope",
    })
      .deliver(message());
    assert.deepEqual(invalid, {
      status: "failed",
      reason: "sailthru-error-11",
      transient: false,
    });
    assert.deepEqual(optedOut, {
      status: "failed",
      reason: "sailthru-error-32",
      transient: false,
    });
    assert.deepEqual(unknownTemplate, {
      status: "failed",
      reason: "sailthru-error-14",
      transient: false,
    });
    assert.equal(fake.requests.length, 3);
    assert.equal(fake.sends.length, 0);
    assert.deepEqual(clock.waits, []);
  });
});

Deno.test("deliver() reports an HTML 502 page as sailthru-error-0, transient, without retrying", async () => {
  await withFake({}, async (fake) => {
    fake.script({ kind: "html", status: 502 });
    const clock = fakeClock();
    const result = await channelFor(fake, clock).deliver(message());
    assert.deepEqual(result, {
      status: "failed",
      reason: "sailthru-error-0",
      transient: true,
    });
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(clock.waits, []);
  });
});

Deno.test("deliver() returns unknown after a hang past the timeout, and never resends", async () => {
  await withFake({}, async (fake) => {
    fake.script({ kind: "hang", record: true });
    const clock = fakeClock();
    const m = message();
    const result = await channelFor(fake, clock, { timeoutMs: 200 }).deliver(m);
    assert.deepEqual(result, { status: "unknown", reason: "timeout" });
    assert.equal(fake.requests.length, 1);
    const sends = fake.sends.filter((s) =>
      String(s.vars.ace_template_body_html).includes(m.uuid)
    );
    assert.equal(sends.length, 1);
  });
});

Deno.test("deliver() returns unknown network when the connection drops after the request", async () => {
  await withFake({}, async (fake) => {
    fake.script({ kind: "reset", record: true });
    const result = await channelFor(fake, fakeClock()).deliver(message());
    assert.deepEqual(result, { status: "unknown", reason: "network" });
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.sends.length, 1);
  });
});

Deno.test("deliver() retries a refused connection within the window, then fails with network", async () => {
  const url = closedPortUrl();
  let calls = 0;
  const counting: typeof fetch = (input, init) => {
    calls++;
    return fetch(input, init);
  };
  const clock = fakeClock();
  const channel = createSailthruChannel({
    apiUrl: url,
    apiKey: "k",
    apiSecret: "s",
    templateName: ACE_TEMPLATE,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    fetch: counting,
    windowMs: 35_000,
  });
  const result = await channel.deliver(message());
  assert.deepEqual(result, {
    status: "failed",
    reason: "network",
    transient: true,
  });
  assert.equal(calls, 4);
  assert.deepEqual(clock.waits, [10_000, 10_000, 10_000]);
});

Deno.test("deliver() sends after a refused connection once the server answers", async () => {
  await withFake({}, async (fake) => {
    const refusedUrl = closedPortUrl();
    let calls = 0;
    const flaky: typeof fetch = (input, init) => {
      calls++;
      const target = calls === 1
        ? String(input).replace(fake.url, refusedUrl)
        : input;
      return fetch(target, init);
    };
    const clock = fakeClock();
    const result = await channelFor(fake, clock, { fetch: flaky }).deliver(
      message(),
    );
    assert.deepEqual(result, { status: "sent" });
    assert.equal(calls, 2);
    assert.equal(fake.sends.length, 1);
  });
});

Deno.test("deliver() handles several messages in flight at once", async () => {
  await withFake({}, async (fake) => {
    const channel = channelFor(fake, fakeClock());
    const messages = Array.from(
      { length: 8 },
      (_, i) => message({ userId: i, recipient: `learner${i}@example.com` }),
    );
    const results = await Promise.all(messages.map((m) => channel.deliver(m)));
    assert.ok(results.every((r) => r.status === "sent"));
    assert.deepEqual(
      fake.sends.map((s) => s.email).sort(),
      messages.map((m) => m.recipient).sort(),
    );
  });
});

Deno.test("deliver() throttles proactively: after Remaining 0, later calls wait for the reset", async () => {
  const clock = fakeClock();
  // No scripted replies: the stand-in's own per-minute limit, on the same clock, applies.
  await withFake({ ratePerMinute: 3, now: clock.now }, async (fake) => {
    const channel = channelFor(fake, clock);
    const batch = (from: number) =>
      Array.from(
        { length: 3 },
        (_, i) =>
          channel.deliver(message({ recipient: `l${from + i}@example.com` })),
      );
    assert.ok((await Promise.all(batch(0))).every((r) => r.status === "sent"));
    const later = await Promise.all(batch(3));
    assert.ok(later.every((r) => r.status === "sent"));
    assert.equal(fake.requests.filter((r) => r.error === 43).length, 0);
    assert.equal(fake.sends.length, 6);
    const windowEnd = START + 60_000;
    assert.ok(fake.sends.slice(3).every((s) => s.receivedAt >= windowEnd));
    assert.ok(clock.waits.includes(60_000), `${clock.waits}`);
  });
});

Deno.test("deliver() recovers when concurrent sends overrun the limit: 43s wait for the reset, none lost", async () => {
  const clock = fakeClock();
  await withFake({ ratePerMinute: 2, now: clock.now }, async (fake) => {
    const channel = channelFor(fake, clock);
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        channel.deliver(message({ recipient: `c${i}@example.com` }))
      ),
    );
    assert.ok(
      results.every((r) => r.status === "sent"),
      JSON.stringify(results),
    );
    assert.equal(fake.sends.length, 4);
    assert.equal(new Set(fake.sends.map((s) => s.email)).size, 4);
    assert.equal(fake.requests.filter((r) => r.error === 43).length, 2);
  });
});

Deno.test("sailthruDebugLines() names template, recipient, subject and vars, with no secret", () => {
  const lines = sailthruDebugLines(message(), ACE_TEMPLATE);
  assert.deepEqual(lines, [
    "Would have emailed using:",
    `  template: ${ACE_TEMPLATE}`,
    "  recipient: learner@example.com",
    "  subject: Keep learning",
    "  variables: ace_template_from_name, ace_template_subject, ace_template_body_html, ace_template_head_html, ace_template_body",
    '  options: {"behalf_email":"news@example.com"}',
  ]);
});

Deno.test("deliver() never puts the API key or secret in a result", async () => {
  const key = "KEY-sailthru-7f3a2c";
  const secret = "SECRET-sailthru-91bc4e";
  await withFake({ apiKey: key, apiSecret: secret }, async (fake) => {
    fake.script(
      { kind: "html" },
      { kind: "hang", record: true },
      { kind: "error", code: 99 },
    );
    const clock = fakeClock();
    const channel = channelFor(fake, clock, { timeoutMs: 200 });
    const results = [
      await channel.deliver(message()),
      await channel.deliver(message()),
      await channel.deliver(message()),
      await channel.deliver(message({ recipient: "bad" })),
      await channel.deliver(message()),
      await channelFor(fake, clock, { apiSecret: "wrong-secret" }).deliver(
        message(),
      ),
      await channelFor(fake, clock, {
        apiUrl: closedPortUrl(),
        windowMs: 15_000,
      })
        .deliver(message()),
    ];
    assert.deepEqual(results.map((r) => r.status), [
      "failed",
      "unknown",
      "failed",
      "failed",
      "sent",
      "failed",
      "failed",
    ]);
    const text = JSON.stringify(results) +
      sailthruDebugLines(message(), ACE_TEMPLATE).join("\n");
    assert.ok(!text.includes(key), text);
    assert.ok(!text.includes(secret), text);
  });
});
