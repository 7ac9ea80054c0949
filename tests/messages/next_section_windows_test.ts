/**
 * The next-section look-back read in SQL (`lookbackWindows` + `highlightSchedules`) against the
 * resolver judging every schedule of the whole 18-week look-back: the same candidates and the
 * same skips, but for `no-section-due`, the one reason a narrowed selection no longer reports.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import fc from "fast-check";
import { findSite } from "../../src/config.ts";
import { explain } from "../../src/explain.ts";
import { startOfDay } from "../../src/domain/dates.ts";
import { dueDay, dueStarts } from "../../src/domain/highlights.ts";
import { DAY_MS } from "../../src/domain/types.ts";
import {
  courseNextSectionUpdate,
  lookbackWindows,
  MAX_LOOKBACK_DAYS,
} from "../../src/messages/course_next_section_update.ts";
import type { Resolution } from "../../src/messages/types.ts";
import { SEND_TYPES } from "../../src/messages/mod.ts";
import { loadConfig } from "../../src/store/config_store.ts";
import type { Store } from "../../src/store/db.ts";
import {
  highlightSchedules,
  loadCatalog,
  schedulesInWindow,
} from "../../src/store/selection.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  addUser,
  emptyWorld,
  setSections,
} from "../_support/world.ts";

const TODAY = Temporal.PlainDate.from("2026-03-16");
const TARGET = startOfDay(TODAY.add({ days: -1 }));
const SITE = "courses.example.com";
const iso = (at: number) => new Date(at).toISOString();

/** Both selections of one world, resolved; `narrowedRows` counts what the SQL side read. */
function bothWays(db: Store, bin: number | null = null) {
  const config = loadConfig(db);
  const scope = {
    today: TODAY,
    site: findSite(config, SITE)!,
    config,
    catalog: loadCatalog(db),
    offset: -1,
  };
  const everything = schedulesInWindow(db, "start_date", {
    from: TARGET - MAX_LOOKBACK_DAYS * DAY_MS,
    to: TARGET,
  }, bin);
  const judge = courseNextSectionUpdate.resolve({ ...scope, rows: everything });
  const sets = highlightSchedules(db, lookbackWindows(scope), bin);
  const parts = sets.map((rows) =>
    courseNextSectionUpdate.resolve({ ...scope, rows })
  );
  return {
    judge,
    narrowed: {
      candidates: parts.flatMap((p) => p.candidates),
      skips: parts.flatMap((p) => p.skips),
    },
    narrowedRows: sets.reduce((n, rows) => n + rows.length, 0),
  };
}

/** Candidates and skips in one order, `no-section-due` left out. */
function comparable(resolution: Resolution) {
  const key = (course: string, user: number) =>
    `${course}\u0000${String(user).padStart(12, "0")}`;
  return {
    candidates: [...resolution.candidates].sort((a, b) =>
      key(a.batch, a.userId) < key(b.batch, b.userId) ? -1 : 1
    ),
    skips: resolution.skips.filter((s) => s.reason !== "no-section-due")
      .sort((a, b) =>
        key(a.courseId, a.userId) < key(b.courseId, b.userId) ? -1 : 1
      ),
  };
}

function assertSame(db: Store, bin: number | null = null) {
  const { judge, narrowed } = bothWays(db, bin);
  deepEqual(comparable(narrowed), comparable(judge));
  equal(narrowed.skips.some((s) => s.reason === "no-section-due"), false);
  return { judge, narrowed };
}

Deno.test("dueStarts() gives exactly the starts whose section falls due on the target day", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 4, max: 18 }),
      fc.integer({ min: 1, max: 40 }),
      fc.nat(),
      fc.integer({ min: 18_000, max: 22_000 }),
      (weeks, count, pick, days) => {
        const duration = weeks * 7 * DAY_MS;
        const index = pick % count;
        const target = days * DAY_MS;
        const { from, to } = dueStarts(duration, index, count, target);
        const due = (start: number) =>
          dueDay(start, duration, index, count) === target;
        ok(from < to);
        ok(!due(from - 1) && due(from) && due(to - 1) && !due(to));
      },
    ),
    { numRuns: 500 },
  );
});

/** Section specs: [has highlights, hidden from the table of contents, staff only]. */
type SectionSpec = [boolean, boolean, boolean];

/**
 * An instant: minutes from the target day's start, or a few milliseconds around where a
 * section's due day begins (the course's `due`-th section for a start there is due on the target
 * day), or around the course start. Built from the course's own figures, so that the boundaries
 * of every window are tried to the millisecond.
 */
type Moment =
  | { minutes: number }
  | { due: number; ms: number }
  | { courseStart: true; ms: number };

const MS = [-1, 0, 1, -DAY_MS, DAY_MS - 1, DAY_MS];

const moment: fc.Arbitrary<Moment> = fc.oneof(
  {
    arbitrary: fc.integer({ min: -130 * 24 * 60, max: 2 * 24 * 60 }).map((
      m,
    ) => ({ minutes: m })),
    weight: 1,
  },
  {
    arbitrary: fc.record({ due: fc.nat(12), ms: fc.constantFrom(...MS) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      courseStart: fc.constant(true as const),
      ms: fc.constantFrom(...MS),
    }),
    weight: 1,
  },
);

/** Mostly `usual`, now and then the other value. */
const mostly = (usual: boolean) =>
  fc.constantFrom(usual, usual, usual, usual, !usual);

interface CourseGen {
  selfPaced: boolean;
  highlights: boolean;
  weeks: number | null;
  /** When the course starts (null: no start). */
  start: Moment | null;
  endHours: number | null;
  otherOrg: boolean;
  sections: SectionSpec[];
}

interface ScheduleGen {
  user: number;
  course: number;
  start: Moment;
  experience: 0 | 1 | null;
  enrollmentActive: boolean;
}

const courseGen: fc.Arbitrary<CourseGen> = fc.record({
  selfPaced: mostly(true),
  highlights: mostly(true),
  weeks: fc.option(fc.integer({ min: 1, max: 25 })),
  start: fc.option(moment),
  endHours: fc.oneof(
    { arbitrary: fc.constant(null), weight: 3 },
    { arbitrary: fc.integer({ min: -48, max: 72 }), weight: 1 },
  ),
  otherOrg: mostly(false),
  sections: fc.array(fc.tuple(mostly(true), mostly(false), mostly(false)), {
    maxLength: 12,
  }),
});

const scheduleGen: fc.Arbitrary<ScheduleGen> = fc.record({
  user: fc.integer({ min: 1, max: 48 }),
  course: fc.integer({ min: 0, max: 2 }),
  start: moment,
  experience: fc.constantFrom<0 | 1 | null>(1, 1, 1, 0, null),
  enrollmentActive: mostly(true),
});

/** A moment as milliseconds, for a course (`courseStart`: its start, if it has one). */
function when(
  at: Moment,
  course: CourseGen,
  courseStart: number | null,
): number {
  if ("minutes" in at) return TARGET + at.minutes * 60_000;
  if ("courseStart" in at) {
    return (courseStart ?? TARGET - 30 * DAY_MS) + at.ms;
  }
  const weeks = Math.min(18, Math.max(4, course.weeks ?? 4));
  const visible = course.sections.filter(([, , staff]) => !staff).length || 1;
  const offset = (weeks * 7 * DAY_MS * (at.due % visible + 1)) / visible;
  return Math.round(TARGET - offset) + at.ms;
}

function buildWorld(
  courses: CourseGen[],
  schedules: ScheduleGen[],
  inactive: number[],
  orgFilter: boolean,
): Store {
  const db = emptyWorld();
  addSite(
    db,
    SITE,
    undefined,
    orgFilter ? { course_org_filter: "OrgA" } : null,
  );
  courses.forEach((c, i) => {
    const id = `course-v1:${c.otherOrg ? "OrgB" : "OrgA"}+C${i}+2026`;
    addCourse(db, {
      id,
      selfPaced: c.selfPaced,
      highlightsEnabled: c.highlights,
      weeksToComplete: c.weeks,
      start: c.start === null ? null : iso(when(c.start, c, null)),
      end: c.endHours === null ? null : iso(TARGET + c.endHours * 3_600_000),
    });
    setSections(
      db,
      id,
      c.sections.map(([h, hidden, staff], n) => [
        `S${n + 1}`,
        h ? [`h${n + 1}`] : [],
        hidden,
        staff,
      ]),
    );
  });
  for (const user of new Set(schedules.map((s) => s.user))) {
    addUser(db, { id: user, active: !inactive.includes(user) });
  }
  const courseStart = courses.map((c) =>
    c.start === null ? null : when(c.start, c, null)
  );
  const seen = new Set<string>();
  for (const s of schedules) {
    const course = courses[s.course % courses.length]!;
    const index = s.course % courses.length;
    const id = `course-v1:${course.otherOrg ? "OrgB" : "OrgA"}+C${index}+2026`;
    if (seen.has(`${s.user} ${id}`)) continue;
    seen.add(`${s.user} ${id}`);
    addSchedule(db, {
      userId: s.user,
      courseId: id,
      start: iso(when(s.start, course, courseStart[index]!)),
      experience: s.experience,
      enrollmentActive: s.enrollmentActive,
    });
  }
  return db;
}

Deno.test("the SQL-side look-back selects what the resolver would pick from the whole look-back", () => {
  fc.assert(
    fc.property(
      fc.array(courseGen, { minLength: 1, maxLength: 3 }),
      fc.array(scheduleGen, { minLength: 20, maxLength: 60 }),
      fc.array(fc.integer({ min: 1, max: 48 }), { maxLength: 4 }),
      fc.boolean(),
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: 23 }), weight: 1 },
      ),
      (courses, schedules, inactive, orgFilter, bin) => {
        using db = buildWorld(courses, schedules, inactive, orgFilter);
        assertSame(db, bin);
      },
    ),
    { numRuns: 150 },
  );
});

const SP = "course-v1:OrgA+SP+2026";

function oneCourse(
  weeks: number | null,
  sections: SectionSpec[],
  course: { start?: string | null; end?: string | null } = {},
): Store {
  const db = emptyWorld();
  addSite(db, SITE);
  addCourse(db, {
    id: SP,
    highlightsEnabled: true,
    weeksToComplete: weeks,
    start: "2025-01-01",
    ...course,
  });
  setSections(
    db,
    SP,
    sections.map(([h, hidden, staff], n) => [
      `S${n + 1}`,
      h ? [`h${n + 1}`] : [],
      hidden,
      staff,
    ]),
  );
  return db;
}

/** One learner per start day, 1 … `days` days before the target day. */
function dailyLearners(db: Store, days: number, hour = "10:00:00") {
  for (let d = 1; d <= days; d++) {
    const day = Temporal.PlainDate.from("2026-03-15").subtract({ days: d });
    addSchedule(db, {
      userId: d,
      courseId: SP,
      start: `${day}T${hour}Z`,
      experience: 1,
    });
  }
}

const plain = (n: number): SectionSpec[] =>
  Array.from({ length: n }, () => [true, false, false]);

Deno.test("a 4-week course of 4 sections reads the learners of 7, 14, 21 and 28 days ago", () => {
  using db = oneCourse(null, plain(4));
  dailyLearners(db, 130);
  const { judge, narrowed } = assertSame(db);
  deepEqual(narrowed.candidates.map((c) => c.userId), [7, 14, 21]);
  deepEqual(narrowed.skips.map((s) => [s.userId, s.reason]), [
    [28, "no-highlights"],
  ]);
  equal(judge.skips.filter((s) => s.reason === "no-section-due").length, 24);
  equal(bothWays(db).narrowedRows, 4);
});

Deno.test("an 18-week course (weeks_to_complete clamped) reads starts up to 126 days back", () => {
  using db = oneCourse(25, plain(9)); // a section every 14 days
  dailyLearners(db, 130);
  const { narrowed } = assertSame(db);
  deepEqual(
    narrowed.candidates.map((c) => c.userId),
    [14, 28, 42, 56, 70, 84, 98, 112],
  );
  deepEqual(narrowed.skips.map((s) => s.userId), [126]);
});

Deno.test("staff-only sections do not count; hidden ones count but have no highlights to send", () => {
  // Visible: S1, S3 (hidden from the table of contents), S4: due every 28/3 days.
  using db = oneCourse(null, [
    [true, false, false],
    [true, false, true],
    [true, true, false],
    [true, false, false],
  ]);
  dailyLearners(db, 40, "23:00:00");
  const { narrowed } = assertSame(db);
  // Due after 9⅓, 18⅔ and 28 days: S3 is next for the first, S4 for the second.
  deepEqual(narrowed.candidates.map((c) => c.userId), [19]);
  deepEqual(narrowed.skips.map((s) => s.userId), [10, 28]);
  ok(narrowed.skips[0]!.detail.includes("Next section [S3]"));
});

Deno.test("learners who started before the course start count from the course start", () => {
  // The course started 14 days before the target day: with 4 sections over 4 weeks, the
  // second section falls due on the target day for every learner who started before it.
  using db = oneCourse(null, plain(4), { start: "2026-03-01T00:00:00Z" });
  dailyLearners(db, 40);
  const { narrowed } = assertSame(db);
  // Started 15–28 days back (28: the course's 4-week look-back): all counted from 03-01.
  const early = Array.from({ length: 14 }, (_, i) => 15 + i);
  deepEqual(narrowed.candidates.map((c) => c.userId), [7, 14, ...early]);
  deepEqual(
    narrowed.candidates.map((c) =>
      c.context.kind === "update" ? c.context.week_num : 0
    ),
    [2, 3, ...early.map(() => 3)],
  );
});

Deno.test("a course that ended is still read whole, so its one course-ended skip stays", () => {
  using db = oneCourse(null, plain(4), { end: "2026-03-15T12:00:00Z" });
  dailyLearners(db, 30);
  const { narrowed } = assertSame(db);
  deepEqual(narrowed.skips.map((s) => s.reason), ["course-ended"]);
  equal(bothWays(db).narrowedRows, 28);
});

Deno.test("--bin narrows the look-back to one bin's learners", () => {
  using db = oneCourse(null, plain(4));
  dailyLearners(db, 30);
  for (const bin of [7, 14, 3]) {
    const { narrowed } = assertSame(db, bin);
    deepEqual(
      narrowed.candidates.map((c) => c.userId),
      bin === 3 ? [] : [bin],
    );
  }
});

Deno.test("--explain still tells a learner the SQL side no longer reads that no section is due", () => {
  using db = oneCourse(null, plain(4));
  dailyLearners(db, 10);
  const config = loadConfig(db);
  const lines = explain(db, {
    userId: 10,
    date: TODAY,
    types: SEND_TYPES,
    sites: config.sites,
    config,
    catalog: loadCatalog(db),
    weeks: null,
  });
  ok(
    lines.includes(
      `    ✗ ${SP}: no section of this learner's schedule fell due yesterday`,
    ),
    lines.join("\n"),
  );
});
