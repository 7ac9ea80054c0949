/**
 * `import users`: upsert by id. Columns: id, username, email (required), name, is_active (true),
 * has_usable_password (true).
 */
import {
  boolCell,
  choose,
  emailCell,
  requiredId,
  requiredText,
  sameRow,
  toBool,
  verbatimCell,
} from "./fields.ts";
import type { ImportSession, KindImporter, RowHandler } from "./session.ts";
import type { Store } from "../store/db.ts";

/** A `users` row as stored. */
export interface UserRow {
  id: number;
  username: string;
  email: string;
  name: string | null;
  is_active: number;
  has_usable_password: number;
}

/** The users import kind. */
export const usersImporter: KindImporter = {
  kind: "users",
  required: ["id", "username", "email"],
  optional: ["name", "is_active", "has_usable_password"],
  begin: beginUsers,
};

function beginUsers(db: Store, session: ImportSession): RowHandler {
  const select = db.prepare(
    "SELECT id, username, email, name, is_active, has_usable_password FROM users WHERE id = ?",
  );
  const upsert = db.prepare(
    `INSERT INTO users (id, username, email, name, is_active, has_usable_password)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET username = excluded.username,
     email = excluded.email, name = excluded.name, is_active = excluded.is_active,
     has_usable_password = excluded.has_usable_password`,
  );
  return {
    row(record) {
      const id = requiredId(record, "id");
      session.requireUnique(`u${id}`, record.line, `user id ${id}`);
      const username = requiredText(record, "username");
      const email = emailCell(record, "email");
      const name = verbatimCell(record, "name");
      const isActive = boolCell(record, "is_active");
      const usable = boolCell(record, "has_usable_password");
      const stored = select.get(id) as UserRow | undefined;
      const next: UserRow = {
        id,
        username,
        email,
        name: choose(name, stored?.name, null),
        is_active: choose(isActive, toBool(stored?.is_active), true) ? 1 : 0,
        has_usable_password:
          choose(usable, toBool(stored?.has_usable_password), true) ? 1 : 0,
      };
      if (stored && sameRow(stored, next)) {
        session.counts.unchanged++;
        return;
      }
      upsert.run(
        next.id,
        next.username,
        next.email,
        next.name,
        next.is_active,
        next.has_usable_password,
      );
      if (stored) session.counts.updated++;
      else session.counts.inserted++;
    },
    finish() {},
  };
}
