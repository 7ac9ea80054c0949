import { deepEqual } from "node:assert/strict";
import { recurringNudge } from "../../src/messages/recurring_nudge.ts";
import { learners, resolveFor } from "../_support/resolve.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  ALL_ON,
  emptyWorld,
} from "../_support/world.ts";

function world(values: Record<string, unknown> | null, otherEnabled = true) {
  const db = emptyWorld();
  addSite(db, "default.example.com", ALL_ON, values);
  addSite(
    db,
    "brand.example.com",
    ALL_ON,
    { course_org_filter: "BrandX" },
    otherEnabled,
  );
  addSite(db, "list.example.com", ALL_ON, {
    course_org_filter: ["ListX", "ListY"],
  });
  for (const org of ["BrandX", "ListX", "ListY", "OtherX"]) {
    addCourse(db, { id: `course-v1:${org}+C+1`, end: null });
  }
  let user = 1;
  for (const org of ["BrandX", "ListX", "ListY", "OtherX"]) {
    addSchedule(db, {
      userId: user++,
      courseId: `course-v1:${org}+C+1`,
      start: "2026-03-13T10:00:00Z",
    });
  }
  return db;
}

const cases: [string, Record<string, unknown> | null, string, number[]][] = [
  ["no site configuration: every org", null, "default.example.com", [
    1,
    2,
    3,
    4,
  ]],
  [
    "empty filter: orgs nobody claims",
    { course_org_filter: "" },
    "default.example.com",
    [4],
  ],
  ["missing filter: orgs nobody claims", {}, "default.example.com", [4]],
  [
    "empty list: orgs nobody claims",
    { course_org_filter: [] },
    "default.example.com",
    [4],
  ],
  ["string filter", { course_org_filter: "BrandX" }, "brand.example.com", [1]],
  [
    "list filter",
    { course_org_filter: ["ListX", "ListY"] },
    "list.example.com",
    [2, 3],
  ],
];

for (const [label, values, site, expected] of cases) {
  Deno.test(`orgFilter() through resolve(): ${label}`, () => {
    const db = world(values);
    deepEqual(
      learners(resolveFor(db, recurringNudge, "2026-03-16", -3, site)),
      expected,
    );
  });
}

Deno.test("orgFilter() ignores the claims of disabled site configurations", () => {
  const db = world({}, false);
  deepEqual(
    learners(
      resolveFor(db, recurringNudge, "2026-03-16", -3, "default.example.com"),
    ),
    [1, 4],
  );
  deepEqual(
    learners(
      resolveFor(db, recurringNudge, "2026-03-16", -3, "brand.example.com"),
    ),
    [1, 4],
  );
});
