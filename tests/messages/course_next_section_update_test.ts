import { deepEqual, equal } from "node:assert/strict";
import { courseNextSectionUpdate } from "../../src/messages/course_next_section_update.ts";
import type { CourseUpdateContext } from "../../src/render/types.ts";
import { resolveFor } from "../_support/resolve.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  emptyWorld,
  setSections,
} from "../_support/world.ts";

const SP = "course-v1:ExampleX+SP+2026";
const TODAY = "2026-03-16"; // target = yesterday, 2026-03-15

function world(
  weeks: number | null,
  sections: number,
  end: string | null = null,
) {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  addCourse(db, {
    id: SP,
    highlightsEnabled: true,
    weeksToComplete: weeks,
    end,
    start: "2025-06-01",
  });
  setSections(
    db,
    SP,
    Array.from({ length: sections }, (_, i) => [`S${i + 1}`, [`h${i + 1}`]]),
  );
  return db;
}

function startFor(daysBeforeTarget: number): string {
  return Temporal.PlainDate.from("2026-03-15").subtract({
    days: daysBeforeTarget,
  }).toString() + "T10:00:00Z";
}

const run = (db: ReturnType<typeof world>) =>
  resolveFor(db, courseNextSectionUpdate, TODAY, -1);

Deno.test("resolve() spaces 4 sections over the default 4 weeks: one a week", () => {
  const db = world(null, 4);
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(7),
    experience: 1,
  });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: startFor(14),
    experience: 1,
  });
  addSchedule(db, {
    userId: 3,
    courseId: SP,
    start: startFor(10),
    experience: 1,
  });
  const { candidates, skips } = run(db);
  deepEqual(
    candidates.map((
      c,
    ) => [c.userId, (c.context as CourseUpdateContext).week_num]),
    [[1, 2], [2, 3]],
  );
  deepEqual((candidates[0]!.context as CourseUpdateContext).week_highlights, [
    "h2",
  ]);
  deepEqual(skips.map((s) => [s.userId, s.reason]), [[3, "no-section-due"]]);
});

Deno.test("resolve() clamps weeks_to_complete to 4–18 weeks", () => {
  // 30 weeks clamp to 18: 6 sections are due every 21 days.
  const db = world(30, 6);
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(21),
    experience: 1,
  });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: startFor(35),
    experience: 1,
  });
  deepEqual(run(db).candidates.map((c) => c.userId), [1]);
  // 2 weeks clamp to 4: 2 sections are due every 14 days.
  const short = world(2, 2);
  addSchedule(short, {
    userId: 3,
    courseId: SP,
    start: startFor(14),
    experience: 1,
  });
  deepEqual(run(short).candidates.map((c) => c.userId), [3]);
});

Deno.test("resolve() spaces 18-week courses: section i due at start + 126 days × (i+1) / N", () => {
  const db = world(18, 9); // one section every 14 days
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(14),
    experience: 1,
  });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: startFor(28),
    experience: 1,
  });
  addSchedule(db, {
    userId: 3,
    courseId: SP,
    start: startFor(7),
    experience: 1,
  });
  deepEqual(
    run(db).candidates.map((
      c,
    ) => [c.userId, (c.context as CourseUpdateContext).week_num]),
    [[1, 2], [2, 3]],
  );
});

Deno.test("resolve() reports the last section and a next section without highlights", () => {
  const db = world(null, 4);
  setSections(db, SP, [["S1", ["h1"]], ["S2", []], ["S3", ["h3"]], ["S4", [
    "h4",
  ]]]);
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(7),
    experience: 1,
  });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: startFor(28),
    experience: 1,
  });
  const { candidates, skips } = run(db);
  equal(candidates.length, 0);
  deepEqual(skips.map((s) => [s.userId, s.reason]), [[1, "no-highlights"], [
    2,
    "no-highlights",
  ]]);
  equal(
    skips[0]!.detail,
    `Next Section Course Update: Next section [S2] has no highlights for ${SP}`,
  );
  equal(skips[1]!.detail.includes("Last section was reached"), true);
});

Deno.test("resolve() stops a course that ended on or before yesterday", () => {
  const db = world(null, 4, "2026-03-15T23:00:00Z");
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(7),
    experience: 1,
  });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: startFor(14),
    experience: 1,
  });
  const { candidates, skips } = run(db);
  equal(candidates.length, 0);
  deepEqual(skips.map((s) => s.reason), ["course-ended"]);
});

Deno.test("resolve() treats a course with zero sections as nothing due instead of crashing", () => {
  const db = world(null, 0);
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(7),
    experience: 1,
  });
  deepEqual(run(db).candidates, []);
});

Deno.test("resolve() needs the highlights experience and a self-paced course", () => {
  const db = world(null, 4);
  addCourse(db, {
    id: "course-v1:ExampleX+IL+2026",
    selfPaced: false,
    highlightsEnabled: true,
  });
  setSections(db, "course-v1:ExampleX+IL+2026", [["a", ["x"]], ["b", ["y"]]]);
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(7),
    experience: 0,
  });
  addSchedule(db, {
    userId: 2,
    courseId: "course-v1:ExampleX+IL+2026",
    start: startFor(14),
    experience: 1,
  });
  const { candidates, skips } = run(db);
  equal(candidates.length, 0);
  deepEqual(skips.map((s) => [s.userId, s.reason]), [[2, "not-self-paced"]]);
});

Deno.test("resolve() counts staff-only sections out of the spacing but hidden ones in", () => {
  const db = world(null, 4);
  setSections(db, SP, [
    ["S1", ["h1"]],
    ["Staff", ["s"], false, true],
    ["S2", ["h2"]],
    ["Hidden", ["x"], true],
    ["S4", ["h4"]],
  ]);
  // 4 learner-visible sections (staff one dropped) over 28 days: one every 7 days.
  addSchedule(db, {
    userId: 1,
    courseId: SP,
    start: startFor(7),
    experience: 1,
  });
  addSchedule(db, {
    userId: 2,
    courseId: SP,
    start: startFor(14),
    experience: 1,
  });
  const { candidates, skips } = run(db);
  deepEqual(
    candidates.map((
      c,
    ) => [c.userId, (c.context as CourseUpdateContext).week_highlights]),
    [[1, ["h2"]]],
  );
  deepEqual(skips.map((s) => [s.userId, s.reason]), [[2, "no-highlights"]]);
});
