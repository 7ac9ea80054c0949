import { deepEqual, equal } from "node:assert/strict";
import { parseDateTime } from "../../src/domain/dates.ts";
import {
  expectedDurationDays,
  nextSectionHighlights,
  weekHighlights,
} from "../../src/domain/highlights.ts";
import type { Course, Section } from "../../src/domain/types.ts";

const course: Course = {
  id: "course-v1:Org+C+1",
  displayName: "C",
  org: "Org",
  start: null,
  end: null,
  selfPaced: true,
  language: null,
  highlightsEnabled: true,
  weeksToComplete: null,
};
const section = (
  highlights: string[],
  hideFromToc = false,
  visibleToStaffOnly = false,
): Section => ({
  position: 0,
  name: "S",
  highlights,
  hideFromToc,
  visibleToStaffOnly,
});

Deno.test("expectedDurationDays() clamps weeks_to_complete to 4–18 weeks, default 4", () => {
  const cases: [number | null, number][] = [
    [null, 28],
    [1, 28],
    [4, 28],
    [10, 70],
    [18, 126],
    [40, 126],
  ];
  for (const [weeks, days] of cases) {
    equal(expectedDurationDays({ ...course, weeksToComplete: weeks }), days);
  }
});

Deno.test("weekHighlights() counts only visible sections with highlights", () => {
  const sections = [
    section(["a"]),
    section([]),
    section(["h"], true),
    section(["s"], false, true),
    section(["b"]),
  ];
  deepEqual(weekHighlights(course, course.id, sections, 2), {
    ok: true,
    highlights: ["b"],
    weekNum: 2,
  });
  deepEqual(weekHighlights(course, course.id, sections, 3), {
    ok: false,
    reason: "Requested week 3 but course-v1:Org+C+1 has only 2 sections.",
  });
  equal(weekHighlights(course, course.id, sections, 0).ok, false);
  equal(weekHighlights(undefined, course.id, sections, 1).ok, false);
  deepEqual(
    weekHighlights(
      { ...course, highlightsEnabled: false },
      course.id,
      sections,
      1,
    ),
    {
      ok: false,
      reason: "course-v1:Org+C+1 Course Update Messages are disabled.",
    },
  );
});

Deno.test("nextSectionHighlights() compares the due date's UTC day with the target day", () => {
  const sections = [section(["a"]), section(["b"])];
  const start = parseDateTime("2026-03-01T23:30:00Z");
  // 2 sections over 28 days: the first is due 14 days after start, 2026-03-15T23:30Z.
  deepEqual(
    nextSectionHighlights(
      course,
      course.id,
      sections,
      start,
      Temporal.PlainDate.from("2026-03-15"),
    ),
    { ok: true, highlights: ["b"], weekNum: 2 },
  );
  deepEqual(
    nextSectionHighlights(
      course,
      course.id,
      sections,
      start,
      Temporal.PlainDate.from("2026-03-16"),
    ),
    { ok: true, highlights: null, weekNum: null },
  );
});
