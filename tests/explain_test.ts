import { deepEqual, ok } from "node:assert/strict";
import { explain } from "../src/explain.ts";
import { SEND_TYPES } from "../src/messages/mod.ts";
import { loadConfig } from "../src/store/config_store.ts";
import { loadCatalog } from "../src/store/selection.ts";
import {
  addCourse,
  addOptout,
  addSchedule,
  addSite,
  emptyWorld,
} from "./_support/world.ts";

const SP = "course-v1:ExampleX+SP+2026";
const IL = "course-v1:ExampleX+IL+2026";

function run(db: ReturnType<typeof emptyWorld>, userId: number) {
  const config = loadConfig(db);
  return explain(db, {
    userId,
    date: Temporal.PlainDate.from("2026-03-16"),
    types: SEND_TYPES,
    sites: config.sites,
    config,
    catalog: loadCatalog(db),
    weeks: null,
  });
}

Deno.test("explain() lists each rule a due schedule passed and why the learner got nothing", () => {
  const db = emptyWorld();
  addSite(db, "courses.example.com", undefined, {
    course_org_filter: "ExampleX",
  });
  addCourse(db, { id: SP, end: "2026-12-31" });
  addCourse(db, { id: IL, selfPaced: false, end: "2026-12-31" });
  addSchedule(db, { userId: 6, courseId: IL, start: "2026-03-13T00:05:00Z" });
  addSchedule(db, { userId: 6, courseId: SP, start: "2026-03-13T06:15:00Z" });
  const lines = run(db, 6);
  ok(
    lines.includes(
      `  schedule in ${IL}: start 2026-03-13T00:05:00Z, upgrade deadline none, experience default, mode audit`,
    ),
  );
  ok(
    lines.includes(
      "  courses.example.com · recurring-nudge: recurringnudge_day3, target day 2026-03-13:",
    ),
    lines.join("\n"),
  );
  ok(lines.includes("      ✓ the org ExampleX belongs to courses.example.com"));
  ok(lines.includes("      ✓ the default experience gets recurringnudge_day3"));
  ok(
    lines.some((l) =>
      l.includes(
        `✗ ${IL}: the learner's first course ${IL} is instructor-paced`,
      )
    ),
  );
  ok(
    lines.some((l) =>
      l.startsWith(
        "  courses.example.com · upgrade-reminder: no schedule's upgrade_deadline falls on a target day",
      )
    ),
  );
});

Deno.test("explain() shows the delivery checks of a message it would send", () => {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  addCourse(db, { id: SP, end: "2026-12-31" });
  addSchedule(db, { userId: 3, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addSchedule(db, { userId: 4, courseId: SP, start: "2026-03-13T10:00:00Z" });
  addOptout(db, 4, SP);
  ok(run(db, 3).includes(`    → would send recurringnudge_day3 about ${SP}`));
  ok(
    run(db, 4).includes(
      `    → not sent: recurringnudge_day3 about ${SP} is skipped (opted-out)`,
    ),
  );
  deepEqual(run(db, 99), [
    "Learner 99 on 2026-03-16:",
    "  has no schedules (no enrollment, or a course without a start date)",
  ]);
});
