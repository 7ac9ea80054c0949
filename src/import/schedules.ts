/**
 * `import schedules`: carries schedules over from an existing Open edX database. The enrollment
 * must exist; a row replaces the whole schedule (a per-object save with a history row).
 */
import type { ExperienceType } from "../domain/types.ts";
import type { Store } from "../store/db.ts";
import {
  type ScheduleFields,
  ScheduleWriter,
} from "../store/schedule_writer.ts";
import {
  boolCell,
  choose,
  dateCell,
  type Given,
  type ImportRecord,
  requiredCourseId,
  requiredDate,
  requiredId,
  RowError,
  textCell,
  toBool,
} from "./fields.ts";
import type { ImportSession, KindImporter, RowHandler } from "./session.ts";

const EXPERIENCES: Record<string, ExperienceType> = {
  default: 0,
  "0": 0,
  course_updates: 1,
  "1": 1,
};

/** Parses an experience cell: `default`/`course_updates` or 0/1. */
export function experienceCell(record: ImportRecord): Given<ExperienceType> {
  const text = textCell(record, "experience");
  if (text === undefined || text === null) return text;
  const value = EXPERIENCES[text.toLowerCase()];
  if (value === undefined) {
    throw new RowError(
      "experience",
      `"${text}" is not an experience (default, course_updates, 0 or 1)`,
    );
  }
  return value;
}

/** The schedules import kind. */
export const schedulesImporter: KindImporter = {
  kind: "schedules",
  required: ["user_id", "course_id", "start_date"],
  optional: ["upgrade_deadline", "experience", "active"],
  begin: beginSchedules,
};

function beginSchedules(db: Store, session: ImportSession): RowHandler {
  const writer = new ScheduleWriter(db);
  const enrollment = db.prepare(
    "SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?",
  );
  return {
    row(record) {
      const userId = requiredId(record, "user_id");
      const courseId = requiredCourseId(record, "course_id");
      session.requireUnique(
        `s${userId} ${courseId}`,
        record.line,
        `schedule of user ${userId} in ${courseId}`,
      );
      const startDate = requiredDate(record, "start_date");
      const deadline = dateCell(record, "upgrade_deadline");
      const experience = experienceCell(record);
      const active = boolCell(record, "active");
      const found = enrollment.get(userId, courseId) as
        | { id: number }
        | undefined;
      if (!found) {
        throw new RowError(
          null,
          `user ${userId} is not enrolled in ${courseId}`,
        );
      }
      const stored = writer.get(found.id);
      const next: ScheduleFields = {
        active: choose(active, toBool(stored?.active), true),
        startDate,
        upgradeDeadline: choose(deadline, stored?.upgrade_deadline, null),
        experience: choose(
          experience,
          stored ? stored.experience_type ?? 0 : undefined,
          0,
        ),
      };
      if (!stored) {
        writer.create(found.id, next, session.now);
        session.counts.inserted++;
      } else if (sameSchedule(stored, next)) {
        session.counts.unchanged++;
      } else {
        writer.replace(stored.id, next, session.now);
        session.counts.updated++;
      }
    },
    finish() {},
  };
}

function sameSchedule(
  stored: NonNullable<ReturnType<ScheduleWriter["get"]>>,
  next: ScheduleFields,
): boolean {
  return stored.active === (next.active ? 1 : 0) &&
    stored.start_date === next.startDate &&
    stored.upgrade_deadline === next.upgradeDeadline &&
    (stored.experience_type ?? 0) === next.experience;
}
