import { deepEqual, equal } from "node:assert/strict";
import {
  courseUpdate,
  weeklyOffsets,
} from "../../src/messages/course_update.ts";
import type { CourseUpdateContext } from "../../src/render/types.ts";
import { resolveFor } from "../_support/resolve.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  emptyWorld,
  setPlatform,
  setSections,
} from "../_support/world.ts";

const IL = "course-v1:ExampleX+IL+2026";

function world() {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  addCourse(db, { id: IL, selfPaced: false, highlightsEnabled: true });
  setSections(db, IL, [
    ["One", ["a1", "a2"]],
    ["Empty", []],
    ["Hidden", ["h"], true],
    ["Staff", ["s"], false, true],
    ["Two", ["b1"]],
    ["Three", ["c1", "c2", "c3"]],
  ]);
  return db;
}

Deno.test("weeklyOffsets() gives −7 … −7N", () => {
  deepEqual(weeklyOffsets(3), [-7, -14, -21]);
  deepEqual(courseUpdate.defaultOffsets, weeklyOffsets(10));
});

for (
  const [week, expected] of [[1, ["a1", "a2"]], [2, ["b1"]], [3, [
    "c1",
    "c2",
    "c3",
  ]]] as const
) {
  Deno.test(`resolve() sends week ${week} the ${week}th visible highlighted section`, () => {
    const db = world();
    addSchedule(db, {
      userId: 1,
      courseId: IL,
      start: "2026-03-01T12:00:00Z",
      experience: 1,
    });
    const offset = -7 * week;
    const today = Temporal.PlainDate.from("2026-03-01").add({ days: -offset })
      .toString();
    const { candidates } = resolveFor(db, courseUpdate, today, offset);
    const context = candidates[0]!.context as CourseUpdateContext;
    equal(candidates[0]!.name, "instructorledcourseupdate");
    equal(context.week_num, week);
    deepEqual(context.week_highlights, expected);
    equal(context.show_upsell, false);
  });
}

Deno.test("resolve() sends nothing past the last highlighted section", () => {
  const db = world();
  addSchedule(db, {
    userId: 1,
    courseId: IL,
    start: "2026-03-01T12:00:00Z",
    experience: 1,
  });
  const { candidates, skips } = resolveFor(db, courseUpdate, "2026-03-29", -28);
  equal(candidates.length, 0);
  equal(skips[0]!.reason, "no-highlights");
});

Deno.test("resolve() needs the course-updates experience and an instructor-paced course", () => {
  const db = world();
  addCourse(db, { id: "course-v1:ExampleX+SP+2026", highlightsEnabled: true });
  setSections(db, "course-v1:ExampleX+SP+2026", [["One", ["x"]]]);
  addSchedule(db, {
    userId: 1,
    courseId: IL,
    start: "2026-03-01T12:00:00Z",
    experience: 0,
  });
  addSchedule(db, {
    userId: 2,
    courseId: IL,
    start: "2026-03-01T12:00:00Z",
    experience: null,
  });
  addSchedule(db, {
    userId: 3,
    courseId: "course-v1:ExampleX+SP+2026",
    start: "2026-03-01T12:00:00Z",
    experience: 1,
  });
  const { candidates, skips } = resolveFor(db, courseUpdate, "2026-03-08", -7);
  equal(candidates.length, 0);
  deepEqual(skips.map((s) => [s.userId, s.reason]), [[1, "experience"], [
    2,
    "experience",
  ], [3, "self-paced"]]);
});

Deno.test("resolve() sends one email per schedule and an unsubscribe link when switched on", () => {
  const db = world();
  setPlatform(db, { course_update_show_unsubscribe: true });
  addCourse(db, {
    id: "course-v1:ExampleX+IL2+2026",
    selfPaced: false,
    highlightsEnabled: true,
  });
  setSections(db, "course-v1:ExampleX+IL2+2026", [["One", ["z"]]]);
  addSchedule(db, {
    userId: 1,
    courseId: IL,
    start: "2026-03-01T12:00:00Z",
    experience: 1,
  });
  addSchedule(db, {
    userId: 1,
    courseId: "course-v1:ExampleX+IL2+2026",
    start: "2026-03-01T13:00:00Z",
    experience: 1,
  });
  const { candidates } = resolveFor(db, courseUpdate, "2026-03-08", -7);
  equal(candidates.length, 2);
  const context = candidates[0]!.context as CourseUpdateContext;
  equal(
    context.unsubscribe_url,
    `/email/optout/bGVhcm5lcjE/${encodeURIComponent(IL)}/`,
  );
});

Deno.test("resolve() reports disabled highlights as a skip", () => {
  const db = world();
  db.prepare("UPDATE courses SET highlights_enabled = 0").run();
  addSchedule(db, {
    userId: 1,
    courseId: IL,
    start: "2026-03-01T12:00:00Z",
    experience: 1,
  });
  const { skips } = resolveFor(db, courseUpdate, "2026-03-08", -7);
  equal(skips[0]!.reason, "no-highlights");
  equal(skips[0]!.detail.includes("Course Update Messages are disabled"), true);
});
