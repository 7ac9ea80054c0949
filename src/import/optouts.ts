/**
 * `import optouts`: bulk-email opt-outs (user_id, course_id). The user must be known; the course
 * need not be (an opt-out may precede the course's import). Later enrollment imports never
 * remove them.
 */
import type { Store } from "../store/db.ts";
import { requiredCourseId, requiredId, RowError } from "./fields.ts";
import type { ImportSession, KindImporter, RowHandler } from "./session.ts";

/** The optouts import kind. */
export const optoutsImporter: KindImporter = {
  kind: "optouts",
  required: ["user_id", "course_id"],
  optional: [],
  begin: beginOptouts,
};

function beginOptouts(db: Store, session: ImportSession): RowHandler {
  const userExists = db.prepare("SELECT 1 AS found FROM users WHERE id = ?");
  const insert = db.prepare(
    "INSERT INTO optouts (user_id, course_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
  );
  return {
    row(record) {
      const userId = requiredId(record, "user_id");
      const courseId = requiredCourseId(record, "course_id");
      session.requireUnique(
        `o${userId} ${courseId}`,
        record.line,
        `opt-out of user ${userId} from ${courseId}`,
      );
      if (!userExists.get(userId)) {
        throw new RowError("user_id", `unknown user ${userId}`);
      }
      const { changes } = insert.run(userId, courseId);
      if (Number(changes) > 0) session.counts.inserted++;
      else session.counts.unchanged++;
    },
    finish() {},
  };
}
