-- The unique keys of enrollments (user_id, course_id) and schedules (enrollment_id) become named
-- unique indexes instead of inline UNIQUE constraints. SQLite cannot drop the automatic index of
-- an inline constraint; a named one can be dropped for a first load and built again by sorting.
-- The tables are rebuilt as https://www.sqlite.org/lang_altertable.html describes ("other kinds
-- of table schema changes"): the caller turns foreign keys off around this script, so dropping
-- the old tables neither cascades nor fails, and checks the foreign keys afterwards. Ids are
-- copied as they are, so every reference stays valid.

CREATE TABLE enrollments_new (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  course_id TEXT NOT NULL REFERENCES courses(id),
  created INTEGER NOT NULL,
  mode TEXT NOT NULL DEFAULT 'audit',
  is_active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO enrollments_new (id, user_id, course_id, created, mode, is_active)
  SELECT id, user_id, course_id, created, mode, is_active FROM enrollments ORDER BY id;
DROP TABLE enrollments;
ALTER TABLE enrollments_new RENAME TO enrollments;
CREATE UNIQUE INDEX enrollments_user_course ON enrollments(user_id, course_id);
CREATE INDEX enrollments_course ON enrollments(course_id);

CREATE TABLE schedules_new (
  id INTEGER PRIMARY KEY,
  enrollment_id INTEGER NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  start_date INTEGER,
  upgrade_deadline INTEGER
);
INSERT INTO schedules_new (id, enrollment_id, created, modified, active, start_date,
    upgrade_deadline)
  SELECT id, enrollment_id, created, modified, active, start_date, upgrade_deadline
  FROM schedules ORDER BY id;
DROP TABLE schedules;
ALTER TABLE schedules_new RENAME TO schedules;
CREATE UNIQUE INDEX schedules_enrollment ON schedules(enrollment_id);
CREATE INDEX schedules_start_date ON schedules(start_date);
CREATE INDEX schedules_upgrade_deadline ON schedules(upgrade_deadline);
