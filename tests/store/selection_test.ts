import { deepEqual, ok } from "node:assert/strict";
import { dayWindow } from "../../src/domain/dates.ts";
import {
  highlightSchedules,
  lookbackQuery,
  lookbackSegments,
  schedulesInWindow,
  windowQuery,
} from "../../src/store/selection.ts";
import { addCourse, addSchedule, emptyWorld } from "../_support/world.ts";

Deno.test("windowQuery() uses the date index for each day-window query", () => {
  const db = emptyWorld();
  for (
    const [field, index] of [["start_date", "schedules_start_date"], [
      "upgrade_deadline",
      "schedules_upgrade_deadline",
    ]] as const
  ) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${windowQuery(field)}`).all(
      0,
      1,
      null,
      null,
    )
      .map((row) => String((row as { detail: string }).detail)).join("\n");
    ok(plan.includes(`USING INDEX ${index}`), plan);
  }
});

Deno.test("lookbackQuery() scans the start-date index, not each course's enrollments", () => {
  const db = emptyWorld();
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${lookbackQuery()}`).all(
    0,
    1,
    '["course-v1:Org+C+1"]',
    null,
    null,
  ).map((row) => String((row as { detail: string }).detail)).join("\n");
  ok(plan.includes("USING INDEX schedules_start_date"), plan);
  ok(!plan.includes("enrollments_course"), plan);
});

Deno.test("lookbackSegments() reads each stretch of start dates once for every course in it", () => {
  const w = (from: number, to: number) => ({ from, to });
  deepEqual(
    lookbackSegments([
      { courseId: "a", windows: [w(0, 10), w(20, 30)] },
      { courseId: "b", windows: [w(5, 25)] },
      { courseId: "c", windows: [w(20, 30)] },
      { courseId: "d", windows: [] },
    ]),
    [
      { from: 0, to: 5, courseIds: ["a"] },
      { from: 5, to: 10, courseIds: ["a", "b"] },
      { from: 10, to: 20, courseIds: ["b"] },
      { from: 20, to: 25, courseIds: ["a", "b", "c"] },
      { from: 25, to: 30, courseIds: ["a", "c"] },
    ],
  );
  // Adjacent stretches of the same courses are one scan; a gap is not read at all.
  deepEqual(
    lookbackSegments([
      { courseId: "a", windows: [w(0, 10), w(40, 50)] },
      { courseId: "b", windows: [w(0, 5), w(5, 10)] },
    ]),
    [
      { from: 0, to: 10, courseIds: ["a", "b"] },
      { from: 40, to: 50, courseIds: ["a"] },
    ],
  );
});

Deno.test("highlightSchedules() returns exactly the rows in each course's own windows, by course then learner", () => {
  const db = emptyWorld();
  const C = "course-v1:Org+C+1", D = "course-v1:Org+D+1";
  addCourse(db, { id: C, highlightsEnabled: true });
  addCourse(db, { id: D, highlightsEnabled: true });
  const starts = ["2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"];
  let user = 100;
  for (const day of starts) {
    for (const courseId of [D, C]) {
      addSchedule(db, {
        userId: user--,
        courseId,
        start: `${day}T12:00:00Z`,
        experience: 1,
      });
    }
  }
  // Dropped whatever the window: another experience, inactive enrollment or learner.
  addSchedule(db, { userId: 1, courseId: C, start: "2026-03-11T01:00:00Z" });
  addSchedule(db, {
    userId: 2,
    courseId: C,
    start: "2026-03-11T01:00:00Z",
    experience: 1,
    enrollmentActive: false,
  });
  const day = (d: string) => dayWindow(Temporal.PlainDate.from(d));
  const rows = highlightSchedules(db, [
    { courseId: C, windows: [day("2026-03-11"), day("2026-03-13")] },
    {
      courseId: D,
      windows: [{ from: day("2026-03-10").from, to: day("2026-03-12").to }],
    },
  ]);
  deepEqual(
    rows.map((list) =>
      list.map((
        r,
      ) => [
        r.courseId,
        r.userId,
        new Date(r.startDate!).toISOString().slice(0, 10),
      ])
    ),
    [
      [[C, 93, "2026-03-13"], [C, 97, "2026-03-11"]],
      [[D, 96, "2026-03-12"], [D, 98, "2026-03-11"], [D, 100, "2026-03-10"]],
    ],
  );
});

Deno.test("schedulesInWindow() and highlightSchedules() keep only the learners of a bin", () => {
  const db = emptyWorld();
  addCourse(db, { id: "course-v1:Org+C+1", highlightsEnabled: true });
  addCourse(db, { id: "course-v1:Org+D+1", highlightsEnabled: true });
  addSchedule(db, {
    userId: 3,
    courseId: "course-v1:Org+D+1",
    start: "2026-03-13T11:00:00Z",
    experience: 1,
  });
  for (const userId of [1, 25, 2, 49]) {
    addSchedule(db, {
      userId,
      courseId: "course-v1:Org+C+1",
      start: "2026-03-13T10:00:00Z",
      experience: 1,
    });
  }
  const window = dayWindow(Temporal.PlainDate.from("2026-03-13"));
  deepEqual(
    schedulesInWindow(db, "start_date", window, 1).map((r) => r.userId),
    [1, 25, 49],
  );
  deepEqual(schedulesInWindow(db, "start_date", window).map((r) => r.userId), [
    1,
    2,
    3,
    25,
    49,
  ]);
  const courses = ["course-v1:Org+C+1", "course-v1:Org+D+1"].map((
    courseId,
  ) => ({ courseId, windows: [window] }));
  const byCourse = (bin: number | null) =>
    highlightSchedules(db, courses, bin).map((rows) =>
      rows.map((r) => [r.courseId, r.userId])
    );
  deepEqual(byCourse(2), [[["course-v1:Org+C+1", 2]]]);
  deepEqual(byCourse(null).map((rows) => rows.length), [4, 1]);
});
