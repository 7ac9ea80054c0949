import { deepEqual, equal, rejects } from "node:assert/strict";
import { createMemoryChannel } from "../src/channels/memory_channel.ts";
import type {
  DeliveryResult,
  OutgoingMessage,
} from "../src/channels/channel.ts";
import { DataError } from "../src/errors.ts";
import { SEND_TYPES, sendType } from "../src/messages/mod.ts";
import type { EmailInput, RenderedEmail } from "../src/render/types.ts";
import { send, type SendDeps, type SendOptions } from "../src/send.ts";
import type { Store } from "../src/store/db.ts";
import {
  addCourse,
  addOptout,
  addSchedule,
  addSite,
  addUser,
  emptyWorld,
  setFlags,
  setSections,
} from "./_support/world.ts";

const SP = "course-v1:ExampleX+SP+2026";
const SP2 = "course-v1:ExampleX+SP2+2026";

function fakeRender(input: EmailInput): RenderedEmail {
  return {
    from_name: "From",
    subject: `${input.message.name} for ${input.message.userId}`,
    head_html: "<title>t</title>",
    body_html: `<p>${input.context.course_ids.join(",")}</p>`,
    body: "text",
  };
}

function world(): Store {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  addCourse(db, { id: SP, end: "2026-12-31" });
  addCourse(db, { id: SP2, end: "2026-12-31" });
  return db;
}

let n = 0;

function deps(db: Store, outcome?: (m: OutgoingMessage) => DeliveryResult) {
  const channel = createMemoryChannel(outcome);
  const sent: string[] = [];
  const d: SendDeps = {
    db,
    channel,
    render: fakeRender,
    now: () => 1_000,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    log: () => {},
    onSent: (row) => sent.push(row.uuid),
  };
  return { deps: d, channel, sent };
}

function options(overrides: Partial<SendOptions> = {}): SendOptions {
  return {
    types: [sendType("recurring-nudge")!],
    date: Temporal.PlainDate.from("2026-03-16"),
    site: null,
    weeks: null,
    bin: null,
    dryRun: false,
    force: false,
    overrideEmail: null,
    concurrency: 2,
    ...overrides,
  };
}

function ledger(db: Store) {
  return db.prepare(
    "SELECT user_id, name, status, reason, test_send, date FROM messages ORDER BY id",
  ).all()
    .map((r) => ({ ...r }));
}

Deno.test("send() records then delivers, and a second run sends nothing new", async () => {
  const db = world();
  for (let u = 1; u <= 3; u++) {
    addSchedule(db, { userId: u, courseId: SP, start: "2026-03-13T10:00:00Z" });
  }
  const first = deps(db);
  const summary = await send(first.deps, options());
  deepEqual(summary.messages.recurringnudge_day3, {
    sent: 3,
    skipped: 0,
    failed: 0,
    unknown: 0,
    already_sent: 0,
  });
  deepEqual(summary.messages.recurringnudge_day10, {
    sent: 0,
    skipped: 0,
    failed: 0,
    unknown: 0,
    already_sent: 0,
  });
  equal(first.channel.delivered.length, 3);
  equal(first.sent.length, 3);
  const again = deps(db);
  const second = await send(again.deps, options());
  equal(second.messages.recurringnudge_day3!.already_sent, 3);
  equal(second.messages.recurringnudge_day3!.sent, 0);
  equal(again.channel.delivered.length, 0);
  equal(ledger(db).length, 3);
});

Deno.test("send() groups bins into batches with one send_uuid each and --bin picks one bin", async () => {
  const binned = () => {
    const db = world();
    for (const u of [1, 25, 2, 49]) {
      addSchedule(db, {
        userId: u,
        courseId: SP,
        start: "2026-03-13T10:00:00Z",
      });
    }
    return db;
  };
  const all = deps(binned());
  await send(all.deps, options());
  const bins = new Map<number, Set<string>>();
  for (const m of all.channel.delivered) {
    bins.set(
      m.userId % 24,
      (bins.get(m.userId % 24) ?? new Set()).add(m.sendUuid),
    );
  }
  deepEqual([...bins.keys()].sort(), [1, 2]);
  equal([...bins.values()].every((s) => s.size === 1), true);
  const one = deps(binned());
  await send(one.deps, options({ bin: 1 }));
  deepEqual(one.channel.delivered.map((m) => m.userId).sort((a, b) => a - b), [
    1,
    25,
    49,
  ]);
});

Deno.test("send() skips with reasons: delivery disabled, disabled account, opted out of every course", async () => {
  const db = world();
  addUser(db, { id: 2, usablePassword: false });
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addSchedule(db, { userId: 2, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addSchedule(db, { userId: 3, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addSchedule(db, { userId: 4, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addSchedule(db, { userId: 4, courseId: SP2, start: "2026-03-13T11:00:00Z" });
  addOptout(db, 3, SP);
  addOptout(db, 4, SP);
  const { deps: d, channel } = deps(db);
  const summary = await send(d, options());
  equal(summary.messages.recurringnudge_day3!.skipped, 2);
  deepEqual(
    channel.delivered.map((m) => m.userId).sort(),
    [1, 4],
    "opted out of some courses still gets it",
  );
  deepEqual(
    ledger(db).filter((r) => r.status === "skipped").map((
      r,
    ) => [r.user_id, r.reason]),
    [[2, "user-disabled"], [3, "opted-out"]],
  );
  setFlags(db, "courses.example.com", { deliver_recurring_nudge: false });
  addSchedule(db, { userId: 5, courseId: SP, start: "2026-03-13T10:00:00Z" });
  await send(deps(db).deps, options());
  equal(ledger(db).find((r) => r.user_id === 5)!.reason, "delivery-disabled");
});

Deno.test("send() re-decides a skipped message once its flag is on again", async () => {
  const db = world();
  setFlags(db, "courses.example.com", { deliver_recurring_nudge: false });
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  await send(deps(db).deps, options());
  setFlags(db, "courses.example.com", {}, 2);
  const again = deps(db);
  const summary = await send(again.deps, options());
  equal(summary.messages.recurringnudge_day3!.sent, 1);
  deepEqual(ledger(db).map((r) => r.status), ["sent"]);
});

Deno.test("send() checks enqueue flags before selecting", async () => {
  const db = world();
  setFlags(db, "courses.example.com", { enqueue_recurring_nudge: false });
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  const logs: string[] = [];
  const d = deps(db);
  d.deps.log = (line) => logs.push(line);
  const summary = await send(d.deps, options());
  equal(summary.messages.recurringnudge_day3!.sent, 0);
  equal(
    logs.includes(
      "Recurring Nudge: Message queuing disabled for site courses.example.com",
    ),
    true,
  );
  equal(ledger(db).length, 0);
});

Deno.test("send() test sends go to the override address and never count as sent", async () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  const test = deps(db);
  await send(test.deps, options({ overrideEmail: "qa@example.com" }));
  equal(test.channel.delivered[0]!.recipient, "qa@example.com");
  equal(test.channel.delivered[0]!.userId, 1);
  await send(deps(db).deps, options({ overrideEmail: "qa@example.com" }));
  const real = deps(db);
  await send(real.deps, options());
  equal(real.channel.delivered[0]!.recipient, "learner1@example.com");
  deepEqual(ledger(db).map((r) => r.test_send), [1, 1, 0]);
});

Deno.test("send() --force sends again what the ledger shows as sent", async () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  await send(deps(db).deps, options());
  const forced = deps(db);
  const summary = await send(forced.deps, options({ force: true }));
  equal(summary.messages.recurringnudge_day3!.sent, 1);
  equal(forced.channel.delivered.length, 1);
  const plain = deps(db);
  await send(plain.deps, options());
  equal(plain.channel.delivered.length, 0);
});

Deno.test("send() --dry-run renders and counts but writes and delivers nothing", async () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  const d = deps(db);
  const summary = await send(d.deps, options({ dryRun: true }));
  equal(summary.messages.recurringnudge_day3!.sent, 1);
  equal(d.channel.delivered.length, 0);
  equal(ledger(db).length, 0);
});

Deno.test("send() retries transient failures on a later run, never permanent ones or unknown", async () => {
  const db = world();
  for (let u = 1; u <= 3; u++) {
    addSchedule(db, { userId: u, courseId: SP, start: "2026-03-13T10:00:00Z" });
  }
  const failing = deps(
    db,
    (m): DeliveryResult =>
      m.userId === 1
        ? { status: "failed", reason: "network", transient: true }
        : m.userId === 2
        ? { status: "failed", reason: "sailthru-error-11", transient: false }
        : { status: "unknown", reason: "timeout" },
  );
  const first = await send(failing.deps, options());
  deepEqual(first.messages.recurringnudge_day3, {
    sent: 0,
    skipped: 0,
    failed: 2,
    unknown: 1,
    already_sent: 0,
  });
  const retry = deps(db);
  const second = await send(retry.deps, options());
  deepEqual(retry.channel.delivered.map((m) => m.userId), [1]);
  equal(second.messages.recurringnudge_day3!.already_sent, 2);
});

Deno.test("send() completes messages a killed run recorded but never delivered", async () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  // A run that recorded its plan and died before delivering: the row stays pending.
  const dying = deps(db, () => {
    throw new Error("killed");
  });
  await rejects(send(dying.deps, options()), /killed/);
  deepEqual(ledger(db).map((r) => r.status), ["pending"]);
  const next = deps(db);
  await send(
    next.deps,
    options({ date: Temporal.PlainDate.from("2026-03-17") }),
  );
  deepEqual(next.channel.delivered.map((m) => [m.userId, m.date]), [[
    1,
    "2026-03-16",
  ]]);
  deepEqual(ledger(db).map((r) => [r.status, r.date]), [[
    "sent",
    "2026-03-16",
  ]]);
});

Deno.test("send() rejects an unknown site and matches domains case-insensitively", async () => {
  const db = world();
  await rejects(
    send(deps(db).deps, options({ site: "nope.example.com" })),
    (e) =>
      e instanceof DataError &&
      e.message === "No matching site found: nope.example.com",
  );
  const summary = await send(
    deps(db).deps,
    options({ site: "COURSES.Example.com" }),
  );
  deepEqual(summary.sites, ["courses.example.com"]);
});

Deno.test("send() runs every type in send-all order with zero counts included", async () => {
  const db = world();
  const summary = await send(deps(db).deps, options({ types: SEND_TYPES }));
  deepEqual(Object.keys(summary.messages), [
    "recurringnudge_day3",
    "recurringnudge_day10",
    "upgradereminder",
    "instructorledcourseupdate",
    "courseupdate",
  ]);
});

Deno.test("send() --weeks replaces the nudge offsets as upstream does", async () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-02T10:00:00Z" });
  const d = deps(db);
  const summary = await send(d.deps, options({ weeks: 2 }));
  deepEqual(Object.keys(summary.messages), [
    "recurringnudge_day7",
    "recurringnudge_day14",
  ]);
  equal(summary.messages.recurringnudge_day14!.sent, 1);
});

Deno.test("send() marks a message unknown when a killed run had started delivering it on a channel that cannot resend", async () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addSchedule(db, { userId: 2, courseId: SP, start: "2026-03-13T10:00:00Z" });
  // Killed while the first delivery was in flight: that row has an attempt, the other none.
  const dying = deps(db, () => {
    throw new Error("killed");
  });
  dying.deps.channel = createMemoryChannel(() => {
    throw new Error("killed");
  }, false);
  await rejects(send(dying.deps, options({ concurrency: 1 })), /killed/);
  const next = deps(db);
  next.deps.channel = createMemoryChannel(undefined, false);
  const summary = await send(next.deps, options({ concurrency: 1 }));
  deepEqual(summary.messages.recurringnudge_day3, {
    sent: 1,
    skipped: 0,
    failed: 0,
    unknown: 1,
    already_sent: 0,
  });
  deepEqual(ledger(db).map((r) => [r.user_id, r.status, r.reason]), [[
    1,
    "unknown",
    "interrupted",
  ], [2, "sent", null]]);
});

Deno.test("send() re-delivers an interrupted message on a channel where resending is harmless", async () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T10:00:00Z" });
  const dying = deps(db, () => {
    throw new Error("killed");
  });
  await rejects(send(dying.deps, options()), /killed/);
  const next = deps(db);
  await send(next.deps, options());
  deepEqual(next.channel.delivered.map((m) => m.userId), [1]);
  deepEqual(ledger(db).map((r) => r.status), ["sent"]);
});

Deno.test("send() sends each week's highlight email of one schedule on its own week", async () => {
  const db = world();
  const IL = "course-v1:ExampleX+IL+2026";
  addCourse(db, {
    id: IL,
    selfPaced: false,
    highlightsEnabled: true,
    end: "2026-12-31",
  });
  setSections(db, IL, [["One", ["a"]], ["Two", ["b"]], ["Three", ["c"]]]);
  addSchedule(db, {
    userId: 1,
    courseId: IL,
    start: "2026-03-02T10:00:00Z",
    experience: 1,
  });
  const weeks: number[] = [];
  for (const date of ["2026-03-09", "2026-03-16", "2026-03-23", "2026-03-23"]) {
    const d = deps(db);
    await send(
      d.deps,
      options({
        types: [sendType("course-update")!],
        date: Temporal.PlainDate.from(date),
      }),
    );
    weeks.push(
      ...d.channel.delivered.map((m) =>
        Number(/week (\d)/.exec(m.rendered.body_html)?.[1] ?? 0)
      ),
    );
  }
  deepEqual(ledger(db).map((r) => [r.date, r.status]), [
    ["2026-03-09", "sent"],
    ["2026-03-16", "sent"],
    ["2026-03-23", "sent"],
  ]);
  equal(weeks.length, 3);
});
