/**
 * Selection alone, in-process: the tool's own code (`schedulesInWindow` for the binned day
 * windows, `highlightSchedules` for the next-section look-back, then the four resolvers; all 24
 * bins; the windows `send all` reads for one date) against the raw indexed SQL query over the
 * same windows, on the database the tool imported. Tool modules are imported dynamically so that
 * a tree in the middle of an edit only skips this step (with a note).
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { median } from "./measure.ts";

/** One measured selection (median over the repetitions). */
export interface SelectionResult {
  /** The tool's selection over every window (rows mapped to objects, ordered). */
  selectMs: number;
  /** The same plus each type's resolver (candidates and skips). */
  selectResolveMs: number;
  /** The raw indexed query over the same windows, same columns, rows iterated. */
  rawMs: number;
  rows: number;
  /** Rows of the unbinned look-back windows (next-section updates) among `rows`. */
  lookbackRows: number;
  candidates: number;
  windows: number;
  /** Whether EXPLAIN QUERY PLAN of each window query names an index on the date column. */
  usesIndex: boolean;
  plans: string[];
}

interface Window {
  field: "start_date" | "upgrade_deadline";
  from: number;
  to: number;
  offset: number;
  typeIndex: number;
  binned: boolean;
  /** Next-section: each course's start-date windows (`lookbackWindows`), else empty. */
  courses: CourseWindows[];
}

/** src/store/selection.ts `CourseWindows`, restated so that this module imports no tool code. */
interface CourseWindows {
  courseId: string;
  windows: readonly { from: number; to: number }[];
}

const RAW_COLUMNS =
  `s.id, s.start_date, s.upgrade_deadline, x.experience_type, e.id,
  e.course_id, e.mode, e.is_active, u.id, u.username, u.email, u.is_active,
  u.has_usable_password
  FROM schedules s
  JOIN enrollments e ON e.id = s.enrollment_id
  JOIN users u ON u.id = e.user_id
  LEFT JOIN schedule_experiences x ON x.schedule_id = s.id`;

/** `setReturnArrays` exists at run time (Node 24 API) but not yet in Deno's types. */
type ArrayStatement = StatementSync & {
  setReturnArrays?: (enabled: boolean) => void;
};

/**
 * What one next-section look-back stretch reads (src/store/selection.ts `lookbackQuery`): its
 * courses, the highlights experience, active enrollments and learners.
 */
const LOOKBACK_FILTER =
  `AND +e.course_id IN (SELECT value FROM json_each(?)) AND x.experience_type = 1
  AND e.is_active = 1 AND u.is_active = 1`;

/**
 * The floor's statement: prepared once, rows returned as arrays when the runtime can (no
 * per-row object building), the cheapest way node:sqlite hands rows to JavaScript.
 */
function rawStatement(
  db: DatabaseSync,
  field: "start_date" | "upgrade_deadline",
  filter = "",
): StatementSync {
  const statement: ArrayStatement = db.prepare(
    `SELECT ${RAW_COLUMNS} WHERE s.${field} >= ? AND s.${field} < ? ${filter}`,
  );
  statement.setReturnArrays?.(true);
  return statement;
}

async function toolModules() {
  const messages = await import("../src/messages/mod.ts");
  const selection = await import("../src/store/selection.ts");
  const configStore = await import("../src/store/config_store.ts");
  const dates = await import("../src/domain/dates.ts");
  const types = await import("../src/domain/types.ts");
  return { messages, selection, configStore, dates, types };
}

type Modules = Awaited<ReturnType<typeof toolModules>>;

/**
 * The windows `send all` reads for `date`, as src/send.ts builds them (default offsets): a day
 * window per binned type and offset, each course's own start-date windows for next-section.
 */
function windowsFor(
  m: Modules,
  scope: Omit<Parameters<Modules["messages"]["lookbackWindows"]>[0], "offset">,
): Window[] {
  const windows: Window[] = [];
  for (const [typeIndex, type] of m.messages.SEND_TYPES.entries()) {
    for (const offset of type.defaultOffsets) {
      const target = scope.today.add({ days: offset });
      const window = type.binned ? m.dates.dayWindow(target) : {
        from: m.dates.startOfDay(target) -
          m.messages.MAX_LOOKBACK_DAYS * m.types.DAY_MS,
        to: m.dates.startOfDay(target),
      };
      windows.push({
        field: type.dateField,
        ...window,
        offset,
        typeIndex,
        binned: type.binned,
        courses: type.binned
          ? []
          : m.messages.lookbackWindows({ ...scope, offset }),
      });
    }
  }
  return windows;
}

/** Measures selection on the database at `dbPath` for the run date `date`. */
export async function measureSelection(
  dbPath: string,
  date: string,
  repeats = 5,
): Promise<SelectionResult> {
  const m = await toolModules();
  using db = new DatabaseSync(dbPath, { readOnly: true });
  const today = Temporal.PlainDate.from(date);
  const config = m.configStore.loadConfig(db);
  const catalog = m.selection.loadCatalog(db);
  const site = config.sites[0];
  if (!site) throw new Error("the benchmark database has no site");
  const windows = windowsFor(m, { today, site, config, catalog });
  const runRaw = rawRunner(db, windows, m.selection.lookbackSegments);
  const runTool = (resolve: boolean) => {
    let rows = 0, candidates = 0, lookbackRows = 0;
    for (const w of windows) {
      // As src/send.ts: binned types read their day window, next-section each course's
      // start-date windows, one course at a time.
      const sets = w.binned
        ? [m.selection.schedulesInWindow(db, w.field, w)]
        : m.selection.highlightSchedules(db, w.courses);
      for (const selected of sets) {
        rows += selected.length;
        if (!w.binned) lookbackRows += selected.length;
        if (!resolve) continue;
        const type = m.messages.SEND_TYPES[w.typeIndex]!;
        const input = { today, site, config, catalog, offset: w.offset };
        candidates += type.resolve({ ...input, rows: selected }).candidates
          .length;
      }
    }
    return { rows, candidates, lookbackRows };
  };
  return timeAll(windows.length, runTool, runRaw, repeats, plans(db, m));
}

/**
 * The floor over every window: one prepared statement per kind of window; the next-section
 * look-back as the same stretches of start dates the tool scans (its `lookbackSegments`).
 */
function rawRunner(
  db: DatabaseSync,
  windows: readonly Window[],
  segmentsOf: (
    courses: readonly CourseWindows[],
  ) => { from: number; to: number; courseIds: string[] }[],
): () => number {
  const raw = {
    start_date: rawStatement(db, "start_date"),
    upgrade_deadline: rawStatement(db, "upgrade_deadline"),
    lookback: rawStatement(db, "start_date", LOOKBACK_FILTER),
  };
  return () => {
    let rows = 0;
    for (const w of windows) {
      if (w.binned) {
        rows += raw[w.field].all(w.from, w.to).length;
        continue;
      }
      for (const segment of segmentsOf(w.courses)) {
        rows += raw.lookback.all(
          segment.from,
          segment.to,
          JSON.stringify(segment.courseIds),
        ).length;
      }
    }
    return rows;
  };
}

interface ToolCounts {
  rows: number;
  candidates: number;
  lookbackRows: number;
}

function timeAll(
  windows: number,
  runTool: (resolve: boolean) => ToolCounts,
  runRaw: () => number,
  repeats: number,
  plan: { usesIndex: boolean; plans: string[] },
): SelectionResult {
  const time = <T>(fn: () => T): [number, T] => {
    const start = performance.now();
    const value = fn();
    return [performance.now() - start, value];
  };
  // Warm-up: page cache, statement cache, JIT (a send resolves thousands of rows per type).
  for (let i = 0; i < 2; i++) runTool(true), runRaw();
  const select: number[] = [], both: number[] = [], raw: number[] = [];
  let counts: ToolCounts = { rows: 0, candidates: 0, lookbackRows: 0 };
  let rawRows = 0;
  for (let i = 0; i < repeats; i++) {
    select.push(time(() => runTool(false))[0]);
    const [ms, value] = time(() => runTool(true));
    both.push(ms), counts = value;
    const [rawMs, rows] = time(runRaw);
    raw.push(rawMs), rawRows = rows;
  }
  if (rawRows !== counts.rows) {
    throw new Error(
      `selection mismatch: tool ${counts.rows} rows, raw ${rawRows}`,
    );
  }
  return {
    selectMs: median(select),
    selectResolveMs: median(both),
    rawMs: median(raw),
    ...counts,
    windows,
    ...plan,
  };
}

function plans(
  db: DatabaseSync,
  m: Modules,
): { usesIndex: boolean; plans: string[] } {
  const out: string[] = [];
  let usesIndex = true;
  const queries = [
    ["start_date", "start_date", m.selection.windowQuery("start_date")],
    [
      "upgrade_deadline",
      "upgrade_deadline",
      m.selection.windowQuery("upgrade_deadline"),
    ],
    ["look-back", "start_date", m.selection.lookbackQuery()],
  ] as const;
  for (const [label, field, sql] of queries) {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(0, 1, "[]") as { detail: string }[];
    const text = rows.map((r) => r.detail).join("; ");
    out.push(`${label}: ${text}`);
    if (!new RegExp(`USING INDEX \\w*${field}`).test(text)) usesIndex = false;
  }
  return { usesIndex, plans: out };
}

/**
 * `deno run --allow-read bench/selection.ts DB DATE REPEATS`: prints the result as JSON. The
 * benchmark runs the measurement in its own process so that the runner's heap (the generated
 * data sets) does not add garbage-collection pauses to either side.
 */
if (import.meta.main) {
  const [dbPath, date, repeats] = Deno.args;
  if (!dbPath || !date) {
    throw new Error("usage: selection.ts DB DATE [REPEATS]");
  }
  const result = await measureSelection(dbPath, date, Number(repeats ?? 5));
  console.log(JSON.stringify(result));
}
