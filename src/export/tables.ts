/**
 * What each data kind exports: its columns (the import column names) and its rows, read from
 * the store one at a time in a stable order (so export → import → export is identical).
 */
import { formatDateTime } from "../domain/dates.ts";
import type { Store } from "../store/db.ts";
import type { ExportRow, ExportValue } from "./format.ts";

/** How a stored value becomes an export value. */
type Kind = "text" | "number" | "bool" | "datetime" | "experience";

/** One exported table. */
export interface TableExport {
  columns: readonly string[];
  /** The stored rows, converted. */
  rows(db: Store): Iterable<ExportRow>;
}

function table(
  sql: string,
  columns: Readonly<Record<string, Kind>>,
): TableExport {
  const names = Object.keys(columns);
  return {
    columns: names,
    *rows(db) {
      for (const raw of db.prepare(sql).iterate()) {
        const row = raw as Record<string, string | number | null>;
        const out: Record<string, ExportValue> = {};
        for (const name of names) {
          out[name] = convert(row[name] ?? null, columns[name]!);
        }
        yield out;
      }
    },
  };
}

function convert(value: string | number | null, kind: Kind): ExportValue {
  if (value === null) return kind === "experience" ? "default" : null;
  switch (kind) {
    case "bool":
      return value === 1;
    case "datetime":
      return formatDateTime(Number(value));
    case "experience":
      return value === 1 ? "course_updates" : "default";
    default:
      return value;
  }
}

/** The data kinds (config and messages are separate). */
export const TABLES: Readonly<Record<string, TableExport>> = {
  users: table(
    "SELECT id, username, email, name, is_active, has_usable_password FROM users ORDER BY id",
    {
      id: "number",
      username: "text",
      email: "text",
      name: "text",
      is_active: "bool",
      has_usable_password: "bool",
    },
  ),
  courses: table(
    `SELECT id, display_name, org, start, "end", self_paced, language, highlights_enabled,
       weeks_to_complete FROM courses ORDER BY id`,
    {
      id: "text",
      display_name: "text",
      org: "text",
      start: "datetime",
      end: "datetime",
      self_paced: "bool",
      language: "text",
      highlights_enabled: "bool",
      weeks_to_complete: "number",
    },
  ),
  modes: table(
    `SELECT course_id, mode_slug, expiration_datetime, expiration_datetime_is_explicit, sku,
       min_price FROM course_modes ORDER BY course_id, mode_slug`,
    {
      course_id: "text",
      mode_slug: "text",
      expiration_datetime: "datetime",
      expiration_datetime_is_explicit: "bool",
      sku: "text",
      min_price: "number",
    },
  ),
  highlights: table(
    `SELECT s.course_id, s.position AS section, s.name AS section_name, h.value AS highlight,
       s.hide_from_toc, s.visible_to_staff_only
     FROM course_sections s LEFT JOIN json_each(s.highlights) h
     ORDER BY s.course_id, s.position, h.key`,
    {
      course_id: "text",
      section: "number",
      section_name: "text",
      highlight: "text",
      hide_from_toc: "bool",
      visible_to_staff_only: "bool",
    },
  ),
  enrollments: table(
    "SELECT user_id, course_id, created, mode, is_active FROM enrollments ORDER BY id",
    {
      user_id: "number",
      course_id: "text",
      created: "datetime",
      mode: "text",
      is_active: "bool",
    },
  ),
  schedules: table(
    `SELECT e.user_id, e.course_id, s.start_date, s.upgrade_deadline, x.experience_type AS experience,
       s.active FROM schedules s JOIN enrollments e ON e.id = s.enrollment_id
     LEFT JOIN schedule_experiences x ON x.schedule_id = s.id ORDER BY e.id`,
    {
      user_id: "number",
      course_id: "text",
      start_date: "datetime",
      upgrade_deadline: "datetime",
      experience: "experience",
      active: "bool",
    },
  ),
  optouts: table(
    "SELECT user_id, course_id FROM optouts ORDER BY user_id, course_id",
    { user_id: "number", course_id: "text" },
  ),
};

/** The ledger (contract.md "messages export"), ordered by creation. */
export const MESSAGES: TableExport = {
  columns: [
    "uuid",
    "send_uuid",
    "name",
    "site",
    "user_id",
    "recipient",
    "course_ids",
    "primary_course_id",
    "language",
    "date",
    "channel",
    "status",
    "reason",
    "file",
    "test_send",
  ],
  *rows(db) {
    const sql =
      `SELECT uuid, send_uuid, name, site, user_id, recipient, course_ids, language,
       date, channel, status, reason, file, test_send FROM messages ORDER BY created, id`;
    for (const raw of db.prepare(sql).iterate()) {
      const row = raw as Record<string, string | number | null>;
      const courseIds = JSON.parse(String(row.course_ids)) as string[];
      yield {
        uuid: row.uuid ?? null,
        send_uuid: row.send_uuid ?? null,
        name: row.name ?? null,
        site: row.site ?? null,
        user_id: Number(row.user_id),
        recipient: row.recipient ?? null,
        course_ids: courseIds,
        primary_course_id: courseIds[0] ?? null,
        language: row.language ?? null,
        date: row.date ?? null,
        channel: row.channel ?? null,
        status: row.status ?? null,
        reason: row.reason ?? null,
        file: row.file ?? null,
        test_send: row.test_send === 1,
      };
    }
  },
};
