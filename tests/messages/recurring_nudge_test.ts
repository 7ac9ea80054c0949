import { deepEqual, equal } from "node:assert/strict";
import { recurringNudge } from "../../src/messages/recurring_nudge.ts";
import type { NudgeContext } from "../../src/render/types.ts";
import { learners, resolveFor } from "../_support/resolve.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  addUser,
  emptyWorld,
  setGlobalDeadline,
} from "../_support/world.ts";

const SP = "course-v1:ExampleX+SP1+2026";
const SP2 = "course-v1:ExampleX+SP2+2026";
const IL = "course-v1:ExampleX+IL1+2026";

function world() {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  addCourse(db, {
    id: SP,
    name: "Self Paced",
    language: "fr",
    end: "2026-12-31",
  });
  addCourse(db, { id: SP2, name: "Second", end: "2026-12-31" });
  addCourse(db, { id: IL, name: "Instructor Led", selfPaced: false });
  return db;
}

Deno.test("resolve() takes whole UTC days: 00:00:00 and 23:59:59.999 in, the edges outside out", () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2026-03-13T00:00:00Z" });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: "2026-03-13T23:59:59.999Z",
  });
  addSchedule(db, {
    userId: 3,
    courseId: SP,
    start: "2026-03-12T23:59:59.999Z",
  });
  addSchedule(db, { userId: 4, courseId: SP, start: "2026-03-14T00:00:00Z" });
  deepEqual(learners(resolveFor(db, recurringNudge, "2026-03-16", -3)), [1, 2]);
});

Deno.test("resolve() names messages by offset and crosses month and year ends", () => {
  const db = world();
  addSchedule(db, { userId: 1, courseId: SP, start: "2025-12-29T10:00:00Z" });
  addSchedule(db, { userId: 2, courseId: SP, start: "2026-02-26T10:00:00Z" });
  const newYear = resolveFor(db, recurringNudge, "2026-01-01", -3);
  deepEqual(newYear.candidates.map((c) => [c.userId, c.name, c.targetDate]), [[
    1,
    "recurringnudge_day3",
    "2025-12-29",
  ]]);
  const march = resolveFor(db, recurringNudge, "2026-03-08", -10);
  deepEqual(march.candidates.map((c) => [c.userId, c.name]), [[
    2,
    "recurringnudge_day10",
  ]]);
});

Deno.test("resolve() sends day 3 to both experiences and day 10 only to the default one", () => {
  const db = world();
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: "2026-03-13T10:00:00Z",
    experience: 0,
  });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: "2026-03-13T10:00:00Z",
    experience: 1,
  });
  addSchedule(db, {
    userId: 3,
    courseId: SP,
    start: "2026-03-13T10:00:00Z",
    experience: null,
  });
  addSchedule(db, {
    userId: 4,
    courseId: SP,
    start: "2026-03-06T10:00:00Z",
    experience: 0,
  });
  addSchedule(db, {
    userId: 5,
    courseId: SP,
    start: "2026-03-06T10:00:00Z",
    experience: 1,
  });
  addSchedule(db, {
    userId: 6,
    courseId: SP,
    start: "2026-03-06T10:00:00Z",
    experience: null,
  });
  deepEqual(learners(resolveFor(db, recurringNudge, "2026-03-16", -3)), [
    1,
    2,
    3,
  ]);
  const day10 = resolveFor(db, recurringNudge, "2026-03-16", -10);
  deepEqual(learners(day10), [4, 6]);
  deepEqual(day10.skips.map((s) => [s.userId, s.reason]), [[5, "experience"]]);
});

Deno.test("resolve() bundles a learner's courses by start then course id, one email each", () => {
  const db = world();
  addSchedule(db, { userId: 7, courseId: SP2, start: "2026-03-13T08:00:00Z" });
  addSchedule(db, { userId: 7, courseId: SP, start: "2026-03-13T09:00:00Z" });
  const { candidates } = resolveFor(db, recurringNudge, "2026-03-16", -3);
  equal(candidates.length, 1);
  deepEqual(candidates[0]!.courseIds, [SP2, SP]);
  const context = candidates[0]!.context as NudgeContext;
  equal(context.course_name, "Second");
  equal(candidates[0]!.language, "en");
});

Deno.test("resolve() drops the whole learner when the first course is instructor-paced", () => {
  const db = world();
  addSchedule(db, { userId: 8, courseId: IL, start: "2026-03-13T01:00:00Z" });
  addSchedule(db, { userId: 8, courseId: SP, start: "2026-03-13T02:00:00Z" });
  addSchedule(db, { userId: 9, courseId: SP, start: "2026-03-13T01:00:00Z" });
  addSchedule(db, { userId: 9, courseId: IL, start: "2026-03-13T02:00:00Z" });
  const resolution = resolveFor(db, recurringNudge, "2026-03-16", -3);
  deepEqual(learners(resolution), [9]);
  deepEqual(resolution.candidates[0]!.courseIds, [SP, IL]);
  equal(resolution.candidates[0]!.language, "fr");
  deepEqual(
    resolution.skips.filter((s) => s.userId === 8).map((s) => s.reason),
    ["not-self-paced", "not-self-paced"],
  );
});

Deno.test("resolve() skips inactive learners, inactive enrollments and ended courses", () => {
  const db = world();
  addCourse(db, {
    id: "course-v1:ExampleX+OLD+2025",
    end: "2026-03-15T23:59:59Z",
  });
  addCourse(db, {
    id: "course-v1:ExampleX+TODAY+2026",
    end: "2026-03-16T00:00:00Z",
  });
  addUser(db, { id: 10, active: false });
  addSchedule(db, { userId: 10, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addSchedule(db, {
    userId: 11,
    courseId: SP,
    start: "2026-03-13T10:00:00Z",
    enrollmentActive: false,
  });
  addSchedule(db, {
    userId: 12,
    courseId: "course-v1:ExampleX+OLD+2025",
    start: "2026-03-13T10:00:00Z",
  });
  addSchedule(db, {
    userId: 13,
    courseId: "course-v1:ExampleX+TODAY+2026",
    start: "2026-03-13T10:00:00Z",
  });
  const resolution = resolveFor(db, recurringNudge, "2026-03-16", -3);
  deepEqual(learners(resolution), [13]);
  deepEqual(
    resolution.skips.map((s) => [s.userId, s.reason]),
    [[10, "learner-inactive"], [11, "enrollment-inactive"], [
      12,
      "course-ended",
    ]],
  );
});

Deno.test("resolve() adds the upsell of the first course when the learner can upgrade", () => {
  const db = world();
  setGlobalDeadline(db, true);
  addSchedule(db, {
    userId: 14,
    courseId: SP,
    start: "2026-03-13T10:00:00Z",
    deadline: "2026-04-03T10:00:00Z",
  });
  const context = resolveFor(db, recurringNudge, "2026-03-16", -3)
    .candidates[0]!.context as NudgeContext;
  equal(context.show_upsell, true);
  equal(context.upsell_link, "/dashboard");
  equal(context.user_schedule_upgrade_deadline_time, "3 avril 2026");
});
