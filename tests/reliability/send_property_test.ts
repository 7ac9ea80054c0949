/**
 * Property test of send() (issue 6, "nothing sent twice"): for a generated small world and any
 * sequence of run dates (repeats included), with deliveries that now and then fail (transient
 * or permanent) or end unknown, no learner receives the same message — (site, name, learner,
 * course ids, target date) — twice, and every delivery is a ledger row marked sent.
 */
import { equal, ok } from "node:assert/strict";
import fc from "fast-check";
import type {
  DeliveryResult,
  OutgoingMessage,
} from "../../src/channels/channel.ts";
import { createMemoryChannel } from "../../src/channels/memory_channel.ts";
import { SEND_TYPES } from "../../src/messages/mod.ts";
import type { EmailInput, RenderedEmail } from "../../src/render/types.ts";
import { send, type SendDeps } from "../../src/send.ts";
import type { Store } from "../../src/store/db.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  emptyWorld,
  setSections,
} from "../_support/world.ts";

const RUNS = 200;
const BASE = Temporal.PlainDate.from("2026-03-02");

const SP = "course-v1:ExampleX+SP+2026"; // self-paced, weekly highlights
const IL = "course-v1:ExampleX+IL+2026"; // instructor-led, weekly highlights
const PLAIN = "course-v1:ExampleX+PLAIN+2026"; // self-paced, no highlights
const COURSES = [SP, IL, PLAIN];

/** One generated enrollment with its schedule. */
interface Enrollment {
  user: number;
  course: number;
  /** Schedule start, in hours from BASE − 21 days. */
  startHours: number;
  /** Upgrade deadline in days after the start, or null for none. */
  deadlineDays: number | null;
  experience: 0 | 1 | null;
}

/**
 * One run: its date — days after BASE, or (mostly) a day that matters to one of the generated
 * enrollments: its start plus an offset the message types use, or two days before its deadline
 * — and its options.
 */
interface Run {
  anchor: number | null;
  offset: number | "deadline";
  weeks: number | null;
  bin: number | null;
  concurrency: number;
}

const enrollment: fc.Arbitrary<Enrollment> = fc.record({
  user: fc.integer({ min: 1, max: 6 }),
  course: fc.integer({ min: 0, max: COURSES.length - 1 }),
  startHours: fc.integer({ min: 0, max: 24 * 28 }),
  deadlineDays: fc.option(fc.integer({ min: 0, max: 30 })),
  experience: fc.constantFrom(0 as const, 1 as const, null),
});

const run: fc.Arbitrary<Run> = fc.record({
  anchor: fc.option(fc.nat(), { freq: 4 }),
  offset: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(3, 7, 10, 14, 21, 28, "deadline" as const),
    },
    { weight: 1, arbitrary: fc.integer({ min: -3, max: 24 }) },
  ),
  weeks: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
  ),
  bin: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 }) },
  ),
  concurrency: fc.integer({ min: 1, max: 3 }),
});

/** The run date of `r` (runs anchored to enrollments repeat each other's dates often). */
function runDate(r: Run, enrollments: Enrollment[]): Temporal.PlainDate {
  const origin = BASE.subtract({ days: 21 });
  const e = r.anchor === null
    ? null
    : enrollments[r.anchor % enrollments.length]!;
  if (e === null) {
    return BASE.add({ days: typeof r.offset === "number" ? r.offset : 0 });
  }
  const start = origin.add({ days: Math.floor(e.startHours / 24) });
  if (r.offset !== "deadline") return start.add({ days: r.offset });
  const deadline = Math.floor((e.startHours % 24) / 24) + (e.deadlineDays ?? 0);
  return start.add({ days: deadline - 2 });
}

/** What the channel answers, in turn, for each delivery. */
const outcome: fc.Arbitrary<DeliveryResult> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<DeliveryResult>({ status: "sent" }) },
  {
    weight: 1,
    arbitrary: fc.constant<DeliveryResult>({
      status: "failed",
      reason: "network",
      transient: true,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constant<DeliveryResult>({
      status: "failed",
      reason: "sailthru-error-11",
      transient: false,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constant<DeliveryResult>({
      status: "unknown",
      reason: "no-answer",
    }),
  },
);

function fakeRender(input: EmailInput): RenderedEmail {
  return {
    from_name: "From",
    subject: input.message.name,
    head_html: "<title>t</title>",
    body_html: `<p>${input.context.course_ids.join(",")}</p>`,
    body: "text",
  };
}

function buildWorld(enrollments: Enrollment[]): Store {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  addCourse(db, { id: SP, end: "2026-12-31", highlightsEnabled: true });
  addCourse(db, {
    id: IL,
    selfPaced: false,
    end: "2026-12-31",
    highlightsEnabled: true,
  });
  addCourse(db, { id: PLAIN, end: "2026-12-31" });
  for (const course of [SP, IL]) {
    setSections(db, course, [["One", ["a"]], ["Two", ["b"]], ["Three", [
      "c",
    ]], ["Four", ["d"]]]);
  }
  const seen = new Set<string>();
  const origin = Date.UTC(BASE.year, BASE.month - 1, BASE.day - 21);
  for (const e of enrollments) {
    // One enrollment per (learner, course), as the schema requires.
    if (seen.has(`${e.user}/${e.course}`)) continue;
    seen.add(`${e.user}/${e.course}`);
    const start = origin + e.startHours * 3_600_000;
    addSchedule(db, {
      userId: e.user,
      courseId: COURSES[e.course]!,
      start: new Date(start).toISOString(),
      deadline: e.deadlineDays === null
        ? null
        : new Date(start + e.deadlineDays * 86_400_000).toISOString(),
      experience: e.experience,
    });
  }
  return db;
}

/** The exactly-once key of a ledger row, by uuid. */
function keyOf(db: Store, uuid: string): string {
  const row = db.prepare(
    "SELECT site, name, user_id, course_ids, target_date FROM messages WHERE uuid = ?",
  ).get(uuid);
  ok(row, `a delivered message ${uuid} is in the ledger`);
  return JSON.stringify([
    row.site,
    row.name,
    row.user_id,
    row.course_ids,
    row.target_date,
  ]);
}

/** What a sequence of runs did. */
interface Runs {
  /** The messages the channel delivered, over every run. */
  delivered: OutgoingMessage[];
  /** Messages the runs found already sent (repeated dates). */
  alreadySent: number;
}

/** Runs every run in turn. */
async function runAll(
  db: Store,
  runs: Run[],
  enrollments: Enrollment[],
  outcomes: DeliveryResult[],
): Promise<Runs> {
  let turn = 0;
  const result: Runs = { delivered: [], alreadySent: 0 };
  for (const r of runs) {
    const channel = createMemoryChannel(
      () => outcomes[turn++ % outcomes.length]!,
    );
    const deps: SendDeps = {
      db,
      channel,
      render: fakeRender,
      now: () => 1_000,
      uuid: () => crypto.randomUUID(),
      log: () => {},
    };
    const summary = await send(deps, {
      types: SEND_TYPES,
      date: runDate(r, enrollments),
      site: null,
      weeks: r.weeks,
      bin: r.bin,
      dryRun: false,
      force: false,
      overrideEmail: null,
      concurrency: r.concurrency,
    });
    result.delivered.push(...channel.delivered);
    for (const counts of Object.values(summary.messages)) {
      result.alreadySent += counts.already_sent;
    }
  }
  return result;
}

Deno.test("send() never delivers the same message to a learner twice over any sequence of run dates", async () => {
  let total = 0, repeats = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(enrollment, { minLength: 3, maxLength: 10 }),
      fc.array(run, { minLength: 4, maxLength: 12 }),
      fc.array(outcome, { minLength: 1, maxLength: 5 }),
      async (enrollments, runs, outcomes) => {
        using db = buildWorld(enrollments);
        const { delivered, alreadySent } = await runAll(
          db,
          runs,
          enrollments,
          outcomes,
        );
        const keys = delivered.map((m) => keyOf(db, m.uuid));
        equal(new Set(keys).size, keys.length, "a message delivered twice");
        const sent = db.prepare(
          "SELECT COUNT(*) AS n FROM messages WHERE status = 'sent'",
        ).get()!;
        equal(sent.n, delivered.length, "every delivery is recorded as sent");
        total += delivered.length;
        repeats += alreadySent;
      },
    ),
    { numRuns: RUNS },
  );
  // Not vacuous: the generated worlds do get mail.
  ok(total >= RUNS / 2, `${total} deliveries in ${RUNS} worlds`);
  ok(repeats >= 5, `${repeats} messages found already sent`);
});
