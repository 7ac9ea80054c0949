import assert from "node:assert/strict";
import { openStore, type Store } from "../../src/store/db.ts";
import { ScheduleWriter } from "../../src/store/schedule_writer.ts";

function seeded(): Store {
  const db = openStore(":memory:");
  db.exec(`
    INSERT INTO users (id, username, email) VALUES (1, 'a', 'a@example.com'), (2, 'b', 'b@example.com');
    INSERT INTO courses (id, org) VALUES ('course-v1:A+B+C', 'A'), ('course-v1:A+X+C', 'A');
    INSERT INTO enrollments (id, user_id, course_id, created) VALUES
      (10, 1, 'course-v1:A+B+C', 0), (11, 2, 'course-v1:A+B+C', 0), (12, 1, 'course-v1:A+X+C', 0);
  `);
  return db;
}

function history(db: Store) {
  return db.prepare(
    "SELECT id, history_type, start_date, history_date FROM schedule_history ORDER BY history_id",
  ).all().map((row) => ({ ...row }));
}

Deno.test("ScheduleWriter.create() writes the schedule, its experience and a '+' history row", () => {
  using db = seeded();
  const writer = new ScheduleWriter(db);
  const id = writer.create(10, {
    active: true,
    startDate: 100,
    upgradeDeadline: 200,
    experience: 1,
  }, 5);
  assert.deepEqual({ ...writer.get(10) }, {
    id,
    enrollment_id: 10,
    active: 1,
    start_date: 100,
    upgrade_deadline: 200,
    experience_type: 1,
  });
  assert.deepEqual(history(db), [{
    id,
    history_type: "+",
    start_date: 100,
    history_date: 5,
  }]);
});

Deno.test("ScheduleWriter.replace() and resetStart() save per object with '~' history rows", () => {
  using db = seeded();
  const writer = new ScheduleWriter(db);
  const id = writer.create(10, {
    active: true,
    startDate: 100,
    upgradeDeadline: 200,
    experience: 0,
  }, 5);
  writer.replace(id, {
    active: false,
    startDate: 110,
    upgradeDeadline: null,
    experience: 1,
  }, 6);
  writer.resetStart(id, 120, 7);
  assert.deepEqual({ ...writer.get(10) }, {
    id,
    enrollment_id: 10,
    active: 0,
    start_date: 120,
    upgrade_deadline: null,
    experience_type: 1,
  });
  assert.deepEqual(
    history(db).map((h) => [h.history_type, h.start_date, h.history_date]),
    [
      ["+", 100, 5],
      ["~", 110, 6],
      ["~", 120, 7],
    ],
  );
  assert.equal(db.prepare("SELECT modified FROM schedules").get()!.modified, 7);
});

Deno.test("ScheduleWriter.rewriteCourse() updates only that course, in bulk, without history", () => {
  using db = seeded();
  const writer = new ScheduleWriter(db);
  for (const enrollment of [10, 11, 12]) {
    writer.create(enrollment, {
      active: true,
      startDate: 100,
      upgradeDeadline: 200,
      experience: 0,
    }, 5);
  }
  assert.equal(writer.rewriteCourse("course-v1:A+B+C", 500, null), 2);
  const rows = db.prepare(
    "SELECT enrollment_id, start_date, upgrade_deadline, modified FROM schedules ORDER BY enrollment_id",
  )
    .all().map((row) => ({ ...row }));
  assert.deepEqual(rows, [
    { enrollment_id: 10, start_date: 500, upgrade_deadline: null, modified: 5 },
    { enrollment_id: 11, start_date: 500, upgrade_deadline: null, modified: 5 },
    { enrollment_id: 12, start_date: 100, upgrade_deadline: 200, modified: 5 },
  ]);
  assert.equal(history(db).length, 3);
});
