/**
 * The sqlite3 floors of an enrollments import: the same CSV loaded by the `sqlite3` shell's
 * `.import` into a file database with the tool's pragmas (WAL, synchronous=NORMAL), in two forms:
 * the key declared up front, and the fastest form (load into a bare table, then build the unique
 * index). Both end with the two secondary indexes (course, created).
 */
import { join } from "node:path";
import { type ChildRun, runChecked } from "./measure.ts";

/** The two floor forms. */
export type FloorForm = "key-declared" | "load-then-index";

const PRAGMAS = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n";
const INDEXES = `CREATE INDEX enrollments_course ON enrollments(course_id);
CREATE INDEX enrollments_created ON enrollments(created);
`;

function quote(path: string): string {
  return `"${path.replaceAll('"', '""')}"`;
}

/** The sqlite3 shell script of one form. */
export function floorScript(form: FloorForm, csv: string): string {
  const key = form === "key-declared"
    ? ",\n  PRIMARY KEY (user_id, course_id)"
    : "";
  const table = `CREATE TABLE enrollments (
  user_id INTEGER NOT NULL,
  course_id TEXT NOT NULL,
  created TEXT NOT NULL,
  mode TEXT,
  is_active TEXT${key}
);
`;
  const unique = form === "load-then-index"
    ? "CREATE UNIQUE INDEX enrollments_key ON enrollments(user_id, course_id);\n"
    : "";
  return `${PRAGMAS}${table}.import --csv --skip 1 ${
    quote(csv)
  } enrollments\n${unique}${INDEXES}`;
}

/** Runs one floor form into a fresh database in `dir`; returns the measured run. */
export async function sqliteFloor(
  form: FloorForm,
  csv: string,
  dir: string,
): Promise<ChildRun> {
  const db = join(dir, `floor-${form}.db`);
  for (const suffix of ["", "-wal", "-shm"]) {
    await Deno.remove(db + suffix).catch(() => {});
  }
  const run = await runChecked(`sqlite3 floor (${form})`, {
    cmd: "sqlite3",
    args: ["-bail", db],
    stdin: floorScript(form, csv),
  });
  for (const suffix of ["", "-wal", "-shm"]) {
    await Deno.remove(db + suffix).catch(() => {});
  }
  return run;
}
