-- Initial schema. Datetimes are INTEGER milliseconds since the Unix epoch (UTC);
-- booleans are INTEGER 0/1; lists are JSON text.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT,
  is_active INTEGER NOT NULL DEFAULT 1,
  has_usable_password INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE courses (
  id TEXT PRIMARY KEY,
  display_name TEXT,
  org TEXT NOT NULL,
  start INTEGER,
  "end" INTEGER,
  self_paced INTEGER NOT NULL DEFAULT 0,
  language TEXT,
  highlights_enabled INTEGER NOT NULL DEFAULT 0,
  weeks_to_complete INTEGER
);

CREATE TABLE course_modes (
  course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  mode_slug TEXT NOT NULL,
  expiration_datetime INTEGER,
  expiration_datetime_is_explicit INTEGER NOT NULL DEFAULT 0,
  sku TEXT,
  min_price REAL,
  PRIMARY KEY (course_id, mode_slug)
);

-- The course outline: one row per chapter, in course order (position is 1-based).
CREATE TABLE course_sections (
  course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT,
  highlights TEXT NOT NULL DEFAULT '[]',
  hide_from_toc INTEGER NOT NULL DEFAULT 0,
  visible_to_staff_only INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (course_id, position)
);

CREATE TABLE enrollments (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  course_id TEXT NOT NULL REFERENCES courses(id),
  created INTEGER NOT NULL,
  mode TEXT NOT NULL DEFAULT 'audit',
  is_active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (user_id, course_id)
);
CREATE INDEX enrollments_course ON enrollments(course_id);

CREATE TABLE schedules (
  id INTEGER PRIMARY KEY,
  enrollment_id INTEGER NOT NULL UNIQUE REFERENCES enrollments(id) ON DELETE CASCADE,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  start_date INTEGER,
  upgrade_deadline INTEGER
);
CREATE INDEX schedules_start_date ON schedules(start_date);
CREATE INDEX schedules_upgrade_deadline ON schedules(upgrade_deadline);

-- 0 = default, 1 = course_updates; a schedule without a row counts as default.
CREATE TABLE schedule_experiences (
  schedule_id INTEGER PRIMARY KEY REFERENCES schedules(id) ON DELETE CASCADE,
  experience_type INTEGER NOT NULL DEFAULT 0 CHECK (experience_type IN (0, 1))
);

-- Audit rows as django-simple-history writes them: per-object saves only, never bulk updates.
CREATE TABLE schedule_history (
  history_id INTEGER PRIMARY KEY,
  id INTEGER NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  active INTEGER NOT NULL,
  start_date INTEGER,
  upgrade_deadline INTEGER,
  enrollment_id INTEGER NOT NULL,
  history_date INTEGER NOT NULL,
  history_change_reason TEXT,
  history_type TEXT NOT NULL CHECK (history_type IN ('+', '~', '-')),
  history_user_id INTEGER
);
CREATE INDEX schedule_history_id ON schedule_history(id);

CREATE TABLE optouts (
  user_id INTEGER NOT NULL REFERENCES users(id),
  course_id TEXT NOT NULL,
  PRIMARY KEY (user_id, course_id)
);

-- Configuration. Every change inserts a row; the newest (change_date, then id) wins.
CREATE TABLE platform_settings (
  id INTEGER PRIMARY KEY,
  change_date INTEGER NOT NULL,
  values_json TEXT NOT NULL -- {"platform": {...}, "sailthru": {...}, "segment": {...}}
);

CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  domain TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE site_configurations (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  change_date INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  values_json TEXT NOT NULL
);
CREATE INDEX site_configurations_site ON site_configurations(site_id, change_date, id);

CREATE TABLE schedule_configs (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  change_date INTEGER NOT NULL,
  enqueue_recurring_nudge INTEGER NOT NULL DEFAULT 0,
  deliver_recurring_nudge INTEGER NOT NULL DEFAULT 0,
  enqueue_upgrade_reminder INTEGER NOT NULL DEFAULT 0,
  deliver_upgrade_reminder INTEGER NOT NULL DEFAULT 0,
  enqueue_course_update INTEGER NOT NULL DEFAULT 0,
  deliver_course_update INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX schedule_configs_site ON schedule_configs(site_id, change_date, id);

CREATE TABLE dynamic_deadline_global (
  id INTEGER PRIMARY KEY,
  change_date INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0,
  deadline_days INTEGER NOT NULL DEFAULT 21
);

CREATE TABLE dynamic_deadline_orgs (
  id INTEGER PRIMARY KEY,
  org_id TEXT NOT NULL,
  change_date INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0,
  deadline_days INTEGER NOT NULL DEFAULT 21,
  opt_out INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dynamic_deadline_orgs_key ON dynamic_deadline_orgs(org_id, change_date, id);

CREATE TABLE dynamic_deadline_courses (
  id INTEGER PRIMARY KEY,
  course_id TEXT NOT NULL,
  change_date INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0,
  deadline_days INTEGER NOT NULL DEFAULT 21,
  opt_out INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dynamic_deadline_courses_key ON dynamic_deadline_courses(course_id, change_date, id);

-- The ledger: every message the tool decided on, recorded before delivery.
-- once_key = site|name|user|course ids|target date for real sends; NULL for test sends.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  send_uuid TEXT NOT NULL,
  name TEXT NOT NULL,
  site TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  recipient TEXT NOT NULL,
  course_ids TEXT NOT NULL,
  language TEXT NOT NULL,
  date TEXT NOT NULL,
  target_date TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped', 'unknown')),
  reason TEXT,
  transient INTEGER NOT NULL DEFAULT 0,
  file TEXT,
  test_send INTEGER NOT NULL DEFAULT 0,
  once_key TEXT UNIQUE,
  context_json TEXT NOT NULL,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
CREATE INDEX messages_status ON messages(status);

-- Segment events waiting to be delivered (kept across runs until accepted).
CREATE TABLE segment_events (
  message_id TEXT PRIMARY KEY,
  payload_json TEXT NOT NULL,
  created INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
