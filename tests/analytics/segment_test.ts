/**
 * Tests of src/analytics/segment.ts: the exact `edx.bi.email.sent` payload (delivery.md §3.2),
 * the queue table, and flushes against the Segment stand-in (Basic auth, retries with the same
 * messageId, events kept for the next run, oversize and refused events dropped, no key leaks).
 */
import assert from "node:assert/strict";
import {
  basicAuth,
  cutBatches,
  emailSentEvent,
  type EmailSentInput,
  flushSegmentEvents,
  MAX_BATCH_BYTES,
  queueSegmentEvent,
  type SegmentFlushOptions,
} from "../../src/analytics/segment.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import {
  type FakeSegment,
  startFakeSegment,
} from "../_support/fake_segment.ts";

const NOW = Date.UTC(2026, 2, 2, 9, 30, 0, 123);

function input(overrides: Partial<EmailSentInput> = {}): EmailSentInput {
  return {
    userId: 42,
    site: "courses.example.com",
    name: "recurringnudge_day3",
    language: "en",
    uuid: "0b8c1f52-1111-4000-8000-000000000001",
    sendUuid: "5b0c1f52-2222-4000-8000-000000000002",
    courseIds: ["course-v1:ExampleX+D101+2026"],
    timestamp: NOW,
    version: "0.1.0",
    ...overrides,
  };
}

function flushOptions(
  fake: FakeSegment,
  sleeps: number[],
  extra: Partial<SegmentFlushOptions> = {},
): SegmentFlushOptions {
  return {
    apiUrl: fake.url,
    writeKey: fake.writeKey,
    now: () => NOW + 5_000,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...extra,
  };
}

async function withSetup(
  fn: (fake: FakeSegment, db: Store) => Promise<void>,
  writeKey = "abc123",
): Promise<void> {
  const fake = await startFakeSegment({ writeKey });
  const db = openStore(":memory:");
  try {
    await fn(fake, db);
  } finally {
    db.close();
    await fake.close();
  }
}

function queuedRows(db: Store) {
  return db.prepare(
    "SELECT message_id, payload_json, attempts FROM segment_events ORDER BY created, message_id",
  ).all() as { message_id: string; payload_json: string; attempts: number }[];
}

Deno.test("emailSentEvent() builds the exact track payload for a 12-course learner", () => {
  const courseIds = Array.from(
    { length: 12 },
    (_, i) => `course-v1:ExampleX+C${i + 1}+2026`,
  );
  const event = emailSentEvent(input({ courseIds, messageId: "m-1" }));
  assert.deepEqual(event, {
    type: "track",
    event: "edx.bi.email.sent",
    userId: "42",
    messageId: "m-1",
    timestamp: "2026-03-02T09:30:00.123Z",
    properties: {
      site: "courses.example.com",
      app_label: "schedules",
      name: "recurringnudge_day3",
      language: "en",
      uuid: "0b8c1f52-1111-4000-8000-000000000001",
      send_uuid: "5b0c1f52-2222-4000-8000-000000000002",
      nonInteraction: 1,
      num_courses: 12,
      course_ids: courseIds.slice(0, 10),
      primary_course_id: "course-v1:ExampleX+C1+2026",
    },
    context: {
      page: { path: "/", url: "https://courses.example.com/" },
      library: { name: "schedules", version: "0.1.0" },
    },
  });
  assert.equal(event.properties.course_ids?.length, 10);
});

Deno.test("emailSentEvent() omits course keys with no courses and sends None for a missing send uuid", () => {
  const event = emailSentEvent(
    input({ courseIds: [], sendUuid: null, language: null }),
  );
  assert.equal(event.properties.num_courses, 0);
  assert.ok(!("course_ids" in event.properties));
  assert.ok(!("primary_course_id" in event.properties));
  assert.equal(event.properties.send_uuid, "None");
  assert.equal(event.properties.language, null);
  assert.equal(typeof event.userId, "string");
});

Deno.test("emailSentEvent() gives every event a fresh messageId", () => {
  const a = emailSentEvent(input()), b = emailSentEvent(input());
  assert.match(a.messageId, /^[0-9a-f-]{36}$/);
  assert.notEqual(a.messageId, b.messageId);
});

Deno.test("basicAuth() is base64 of the key and a colon", () => {
  assert.equal(basicAuth("abc123"), "Basic YWJjMTIzOg==");
});

Deno.test("queueSegmentEvent() stores the event once per messageId", () => {
  using db = openStore(":memory:");
  const event = emailSentEvent(input());
  queueSegmentEvent(db, event, NOW);
  queueSegmentEvent(db, event, NOW + 1);
  const rows = queuedRows(db);
  assert.equal(rows.length, 1);
  assert.deepEqual(JSON.parse(rows[0]!.payload_json), event);
  assert.equal(rows[0]!.attempts, 0);
});

Deno.test("flushSegmentEvents() posts a batch with Basic auth and deletes accepted rows", async () => {
  await withSetup(async (fake, db) => {
    const events = [
      emailSentEvent(input()),
      emailSentEvent(input({ userId: 7 })),
    ];
    events.forEach((e, i) => queueSegmentEvent(db, e, NOW + i));
    const result = await flushSegmentEvents(db, flushOptions(fake, []));
    assert.deepEqual(result, { sent: 2, dropped: 0, remaining: 0 });
    assert.equal(fake.requests.length, 1);
    const request = fake.requests[0]!;
    assert.equal(request.path, "/v1/batch");
    assert.equal(request.authorization, "Basic YWJjMTIzOg==");
    assert.equal(request.contentType, "application/json");
    assert.equal(request.sentAt, "2026-03-02T09:30:05.123Z");
    assert.deepEqual(fake.events, events);
    assert.deepEqual(fake.rejected, []);
    assert.equal(queuedRows(db).length, 0);
  });
});

Deno.test("flushSegmentEvents() retries 429 and 503 with the same messageId, honouring Retry-After", async () => {
  await withSetup(async (fake, db) => {
    const event = emailSentEvent(input());
    queueSegmentEvent(db, event, NOW);
    fake.script({ kind: "status", status: 429, retryAfter: 7 }, {
      kind: "status",
      status: 503,
    });
    const sleeps: number[] = [];
    const result = await flushSegmentEvents(
      db,
      flushOptions(fake, sleeps, { backoffMs: 1_000 }),
    );
    assert.deepEqual(result, { sent: 1, dropped: 0, remaining: 0 });
    assert.deepEqual(fake.requests.map((r) => r.messageIds), [
      [event.messageId],
      [event.messageId],
      [event.messageId],
    ]);
    // Retry-After 7 s; then the second backoff step, 2 s with jitter in [1, 2] s.
    assert.deepEqual(sleeps, [7_000, 1_500]);
    assert.equal(fake.events.length, 1);
    assert.equal(fake.duplicates, 0);
  });
});

Deno.test("flushSegmentEvents() keeps events queued after maxAttempts and sends them on the next flush", async () => {
  await withSetup(async (fake, db) => {
    const event = emailSentEvent(input());
    queueSegmentEvent(db, event, NOW);
    fake.script(
      ...Array.from(
        { length: 4 },
        () => ({ kind: "status", status: 503 } as const),
      ),
    );
    const sleeps: number[] = [];
    const first = await flushSegmentEvents(db, flushOptions(fake, sleeps));
    assert.deepEqual(first, { sent: 0, dropped: 0, remaining: 1 });
    assert.equal(fake.requests.length, 4);
    assert.equal(sleeps.length, 3);
    assert.ok(sleeps[0]! < sleeps[1]! && sleeps[1]! < sleeps[2]!, `${sleeps}`);
    assert.deepEqual(queuedRows(db).map((r) => [r.message_id, r.attempts]), [
      [event.messageId, 4],
    ]);
    const second = await flushSegmentEvents(db, flushOptions(fake, []));
    assert.deepEqual(second, { sent: 1, dropped: 0, remaining: 0 });
    assert.equal(fake.events.length, 1);
    assert.equal(fake.events[0]!.messageId, event.messageId);
    assert.equal(queuedRows(db).length, 0);
  });
});

Deno.test("flushSegmentEvents() reuses the messageId after a lost answer, so Segment drops the copy", async () => {
  await withSetup(async (fake, db) => {
    const event = emailSentEvent(input());
    queueSegmentEvent(db, event, NOW);
    // A hang past the timeout: the client cannot know, so it retries with the same id.
    fake.script({ kind: "hang" });
    const result = await flushSegmentEvents(
      db,
      flushOptions(fake, [], { timeoutMs: 200 }),
    );
    assert.deepEqual(result, { sent: 1, dropped: 0, remaining: 0 });
    assert.deepEqual(fake.requests.map((r) => r.messageIds[0]), [
      event.messageId,
      event.messageId,
    ]);
    // The same event again (as after a lost 200) is counted as a duplicate by the stand-in.
    queueSegmentEvent(db, event, NOW);
    await flushSegmentEvents(db, flushOptions(fake, []));
    assert.equal(fake.events.length, 1);
    assert.equal(fake.duplicates, 1);
  });
});

Deno.test("flushSegmentEvents() drops an event over 32 KB and still sends the others", async () => {
  await withSetup(async (fake, db) => {
    const big = emailSentEvent(input({ name: "x".repeat(33 * 1024) }));
    const small = emailSentEvent(input());
    queueSegmentEvent(db, big, NOW);
    queueSegmentEvent(db, small, NOW + 1);
    const result = await flushSegmentEvents(db, flushOptions(fake, []));
    assert.deepEqual(result, { sent: 1, dropped: 1, remaining: 0 });
    assert.deepEqual(fake.events.map((e) => e.messageId), [small.messageId]);
    assert.equal(queuedRows(db).length, 0);
  });
});

Deno.test("flushSegmentEvents() drops a batch refused with 400 without retrying", async () => {
  await withSetup(async (fake, db) => {
    queueSegmentEvent(db, emailSentEvent(input()), NOW);
    fake.script({ kind: "status", status: 400 });
    const sleeps: number[] = [];
    const result = await flushSegmentEvents(db, flushOptions(fake, sleeps));
    assert.deepEqual(result, { sent: 0, dropped: 1, remaining: 0 });
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(sleeps, []);
    assert.equal(queuedRows(db).length, 0);
  });
});

Deno.test("flushSegmentEvents() does not throw when the server is unreachable", async () => {
  using db = openStore(":memory:");
  queueSegmentEvent(db, emailSentEvent(input()), NOW);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const sleeps: number[] = [];
  const result = await flushSegmentEvents(db, {
    apiUrl: `http://127.0.0.1:${port}`,
    writeKey: "k",
    now: () => NOW,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    maxAttempts: 3,
  });
  assert.deepEqual(result, { sent: 0, dropped: 0, remaining: 1 });
  assert.equal(sleeps.length, 2);
});

Deno.test("cutBatches() cuts by count and by bytes, keeping order", () => {
  const small = Array.from(
    { length: 1200 },
    (_, i) => ({ payload: `{"i":${i}}` }),
  );
  assert.deepEqual(cutBatches(small).map((b) => b.length), [500, 500, 200]);
  assert.equal(cutBatches(small).flat()[700]!.payload, '{"i":700}');
  const large = Array.from(
    { length: 20 },
    () => ({ payload: "x".repeat(30_000) }),
  );
  const batches = cutBatches(large);
  assert.equal(batches.length, 2);
  for (const batch of batches) {
    const bytes = batch.reduce((n, e) => n + e.payload.length + 1, 0);
    assert.ok(bytes <= MAX_BATCH_BYTES);
  }
});

Deno.test("flushSegmentEvents() never puts the write key in results or stored rows", async () => {
  const key = "WRITEKEY-segment-5d1e";
  await withSetup(async (fake, db) => {
    queueSegmentEvent(db, emailSentEvent(input()), NOW);
    queueSegmentEvent(db, emailSentEvent(input({ userId: 9 })), NOW);
    fake.script(
      ...Array.from(
        { length: 2 },
        () => ({ kind: "status", status: 500 } as const),
      ),
    );
    const failed = await flushSegmentEvents(
      db,
      flushOptions(fake, [], { maxAttempts: 2 }),
    );
    const rows = JSON.stringify(queuedRows(db));
    const sent = await flushSegmentEvents(db, flushOptions(fake, []));
    const text = JSON.stringify([failed, sent]) + rows;
    assert.equal(failed.remaining, 2);
    assert.equal(sent.sent, 2);
    assert.ok(!text.includes(key), text);
    assert.ok(!text.includes(btoa(`${key}:`)), text);
  }, key);
});
