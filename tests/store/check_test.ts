import { deepEqual, equal, ok } from "node:assert/strict";
import { checkStore } from "../../src/store/check.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  emptyWorld,
} from "../_support/world.ts";

Deno.test("checkStore() finds nothing wrong in a consistent database", () => {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  addCourse(db, { id: "course-v1:Org+C+1", start: "2026-01-01" });
  addSchedule(db, {
    userId: 1,
    courseId: "course-v1:Org+C+1",
    start: "2026-02-01",
  });
  deepEqual(checkStore(db), []);
});

Deno.test("checkStore() reports broken invariants and dangling references", () => {
  const db = emptyWorld();
  addCourse(db, { id: "course-v1:Org+C+1", start: "2026-03-01" });
  addSchedule(db, {
    userId: 1,
    courseId: "course-v1:Org+C+1",
    start: "2026-02-01",
  });
  db.exec("PRAGMA foreign_keys = OFF");
  db.exec(
    "INSERT INTO optouts (user_id, course_id) VALUES (999, 'course-v1:Org+C+1')",
  );
  db.exec(
    `INSERT INTO messages (uuid, send_uuid, name, site, user_id, recipient, course_ids, language, date,
    target_date, channel, status, test_send, once_key, context_json, created, updated)
    VALUES ('u1', 's', 'courseupdate', 'x', 1, 'a@b', '[]', 'en', '2026-03-16', '2026-03-15', 'file', 'sent', 1, 'k', '{}', 0, 0)`,
  );
  const problems = checkStore(db);
  ok(
    problems.some((p) => p.startsWith("table optouts row")),
    problems.join("\n"),
  );
  ok(problems.includes("1 schedules start before their course starts"));
  ok(problems.includes("1 file-channel messages are sent but name no file"));
  ok(problems.includes("1 test sends carry an exactly-once key"));
  equal(problems.length, 4);
});
