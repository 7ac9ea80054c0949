import { deepEqual, ok } from "node:assert/strict";
import { dayWindow } from "../../src/domain/dates.ts";
import {
  highlightSchedules,
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
  const byCourse = (bin: number | null) =>
    [...highlightSchedules(db, window, bin)].map((rows) =>
      rows.map((r) => [r.courseId, r.userId])
    );
  deepEqual(byCourse(2), [[["course-v1:Org+C+1", 2]]]);
  deepEqual(byCourse(null).map((rows) => rows.length), [4, 1]);
});
