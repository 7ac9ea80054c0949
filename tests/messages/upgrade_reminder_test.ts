import { deepEqual, equal } from "node:assert/strict";
import { upgradeReminder } from "../../src/messages/upgrade_reminder.ts";
import type { UpgradeReminderContext } from "../../src/render/types.ts";
import { learners, resolveFor } from "../_support/resolve.ts";
import {
  addCourse,
  addSchedule,
  addSite,
  emptyWorld,
  setGlobalDeadline,
  setPlatform,
} from "../_support/world.ts";

const course = (n: number) =>
  `course-v1:ExampleX+C${String(n).padStart(2, "0")}+2026`;
const DEADLINE = "2026-03-18T10:00:00Z"; // today 2026-03-16 + 2

function world(courses = 12) {
  const db = emptyWorld();
  addSite(db, "courses.example.com");
  setGlobalDeadline(db, true);
  setPlatform(db, {
    lms_root_url: "https://courses.example.com",
    learning_mfe_url: "https://apps.example.com/learning",
    ecommerce: {
      enabled: true,
      public_url_root: "https://shop.example.com",
      basket_path: "/basket/add/",
    },
  });
  for (let n = 1; n <= courses; n++) {
    addCourse(db, { id: course(n), name: `Course ${n}`, end: "2026-12-31" });
  }
  return db;
}

function enrollIn(
  db: ReturnType<typeof world>,
  userId: number,
  count: number,
  mode = "audit",
) {
  for (let n = 1; n <= count; n++) {
    addSchedule(db, {
      userId,
      courseId: course(n),
      start: `2026-02-25T0${n % 10}:00:00Z`,
      deadline: DEADLINE,
      mode,
    });
  }
}

for (const count of [1, 2, 9, 10, 12]) {
  Deno.test(`resolve() keeps every eligible course for a learner in ${count} course(s)`, () => {
    const db = world();
    enrollIn(db, 5, count);
    const { candidates } = resolveFor(db, upgradeReminder, "2026-03-16", 2);
    equal(candidates.length, 1);
    const context = candidates[0]!.context as UpgradeReminderContext;
    equal(context.course_ids.length, count);
    equal(context.course_links.length, count);
    equal(context.first_course_name, count >= 10 ? "Course 10" : "Course 1");
    equal(
      context.cert_image,
      "https://courses.example.com/static/course_experience/images/verified-cert.png",
    );
    equal(
      context.upsell_link,
      `https://shop.example.com/basket/add/?sku=SKU-${
        encodeURIComponent(context.course_ids[0]!)
      }`,
    );
    equal(context.user_schedule_upgrade_deadline_time, "March 18, 2026");
  });
}

Deno.test("resolve() drops instructor-paced and ineligible courses and rewrites course_ids", () => {
  const db = world(3);
  addCourse(db, {
    id: "course-v1:ExampleX+IL+2026",
    selfPaced: false,
    language: "es",
  });
  addSchedule(db, {
    userId: 1,
    courseId: "course-v1:ExampleX+IL+2026",
    start: "2026-02-25T00:00:00Z",
    deadline: DEADLINE,
  });
  addSchedule(db, {
    userId: 1,
    courseId: course(2),
    start: "2026-02-25T01:00:00Z",
    deadline: DEADLINE,
    mode: "verified",
  });
  addSchedule(db, {
    userId: 1,
    courseId: course(3),
    start: "2026-02-25T02:00:00Z",
    deadline: DEADLINE,
  });
  const { candidates, skips } = resolveFor(
    db,
    upgradeReminder,
    "2026-03-16",
    2,
  );
  deepEqual(candidates[0]!.courseIds, [course(3)]);
  equal(
    candidates[0]!.language,
    "es",
    "the language still comes from the first, dropped course",
  );
  deepEqual(skips.map((s) => s.reason), [
    "not-self-paced",
    "not-upsell-eligible",
  ]);
});

Deno.test("resolve() sends nothing without the global dynamic deadline switch", () => {
  const db = world(2);
  setGlobalDeadline(db, false, 21, 5);
  enrollIn(db, 1, 2);
  deepEqual(learners(resolveFor(db, upgradeReminder, "2026-03-16", 2)), []);
});

Deno.test("resolve() skips verified learners and courses whose verified mode expired", () => {
  const db = world(1);
  addCourse(db, {
    id: "course-v1:ExampleX+EXP+2026",
    verified: "2026-03-10T00:00:00Z",
  });
  enrollIn(db, 1, 1, "verified");
  addSchedule(db, {
    userId: 2,
    courseId: "course-v1:ExampleX+EXP+2026",
    start: "2026-02-25T00:00:00Z",
    deadline: DEADLINE,
  });
  deepEqual(learners(resolveFor(db, upgradeReminder, "2026-03-16", 2)), []);
});

Deno.test("resolve() windows on the upgrade deadline two days ahead", () => {
  const db = world(1);
  addSchedule(db, {
    userId: 1,
    courseId: course(1),
    start: "2026-02-25T00:00:00Z",
    deadline: "2026-03-18T00:00:00Z",
  });
  addSchedule(db, {
    userId: 2,
    courseId: course(1),
    start: "2026-02-25T00:00:00Z",
    deadline: "2026-03-19T00:00:00Z",
  });
  addSchedule(db, {
    userId: 3,
    courseId: course(1),
    start: "2026-02-25T00:00:00Z",
    deadline: "2026-03-17T23:59:59Z",
  });
  deepEqual(learners(resolveFor(db, upgradeReminder, "2026-03-16", 2)), [1]);
});
