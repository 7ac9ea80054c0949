/**
 * `deno task bench [--full | --smoke] [--keep] [--write-benchmarks]`: generates the seeded data
 * sets (10k and 100k enrollments; 1M with --full; --smoke runs 10k once, quickly, and asserts no
 * timing), measures the tool against floors taken in the same run, prints one table and writes
 * bench/out/latest.json and latest.md (and the table section of BENCHMARKS.md on request).
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DatabaseSync } from "node:sqlite";
import {
  type Dataset,
  generateDataset,
  IMPORT_NOW,
  SEND_DATE,
} from "./data.ts";
import { sqliteFloor } from "./floors.ts";
import {
  type ChildRun,
  commandWorks,
  median,
  rssMethod,
  runChecked,
  runChild,
} from "./measure.ts";
import {
  type BenchReport,
  type BenchRow,
  type Machine,
  markdownReport,
  perRowTable,
  rowNote,
  targetsTable,
  textTable,
} from "./report.ts";
import type { SelectionResult } from "./selection.ts";
import { checkTargets, STEP } from "./targets.ts";
import {
  bareDenoCommand,
  loadScheduleFlags,
  ROOT,
  toolCommand,
} from "./tool.ts";

/** Command-line options of the benchmark. */
export interface BenchOptions {
  sizes: number[];
  smoke: boolean;
  keep: boolean;
  writeBenchmarks: boolean;
}

/** Parses the benchmark's own arguments. */
export function parseBenchArgs(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      full: { type: "boolean" },
      smoke: { type: "boolean" },
      keep: { type: "boolean" },
      "write-benchmarks": { type: "boolean" },
    },
    strict: true,
  });
  const smoke = values.smoke ?? false;
  const sizes = smoke
    ? [10_000]
    : values.full
    ? [10_000, 100_000, 1_000_000]
    : [10_000, 100_000];
  return {
    sizes,
    smoke,
    keep: values.keep ?? false,
    writeBenchmarks: values["write-benchmarks"] ?? false,
  };
}

/** Shared state of one benchmark run. */
interface Run {
  options: BenchOptions;
  flags: string[];
  tmp: string;
  sqlite: boolean;
  notes: string[];
}

function progress(line: string): void {
  console.error(`bench: ${line}`);
}

function row(
  size: number,
  step: string,
  tool: ChildRun | number | null,
  floor: ChildRun | number | null,
  units: number,
  note: string,
): BenchRow {
  const ms = (r: ChildRun | number | null) =>
    r === null ? null : typeof r === "number" ? r : r.ms;
  const child = (r: ChildRun | number | null) =>
    r === null || typeof r === "number" ? null : r;
  return {
    size,
    step,
    toolMs: ms(tool),
    floorMs: ms(floor),
    peakRssMb: child(tool)?.peakRssMb ?? null,
    floorRssMb: child(floor)?.peakRssMb ?? null,
    toolCpuMs: child(tool)?.cpuMs ?? null,
    floorCpuMs: child(floor)?.cpuMs ?? null,
    units,
    note,
  };
}

async function tool(
  run: Run,
  what: string,
  args: string[],
): Promise<ChildRun> {
  return await runChecked(`schedules ${what}`, toolCommand(run.flags, args));
}

/** Imports the catalog, users and enrollments of one data set; returns the rows. */
async function benchImport(
  run: Run,
  data: Dataset,
  db: string,
): Promise<BenchRow[]> {
  const size = data.enrollments;
  const base = ["--db", db, "--now", IMPORT_NOW, "--json", "import"];
  let catalogMs = 0, catalogRss = 0;
  for (const kind of ["config", "courses", "modes", "highlights"] as const) {
    const r = await tool(run, `import ${kind}`, [
      ...base,
      kind,
      data.files[kind],
    ]);
    catalogMs += r.ms;
    catalogRss = Math.max(catalogRss, r.peakRssMb ?? 0);
  }
  const users = await tool(run, "import users", [
    ...base,
    "users",
    data.files.users,
  ]);
  progress(`${size}: users imported in ${Math.round(users.ms)} ms`);
  const enroll = await tool(run, "import enrollments", [
    ...base,
    "enrollments",
    data.files.enrollments,
  ]);
  const counts = JSON.parse(enroll.stdout) as { schedules_created?: number };
  progress(`${size}: enrollments imported in ${Math.round(enroll.ms)} ms`);
  const rows = [
    {
      ...row(size, STEP.catalog, catalogMs, null, 0, "4 processes"),
      peakRssMb: catalogRss,
    },
    row(size, STEP.users, users, null, data.users, `${data.users} users`),
  ];
  const note =
    `${size} rows, ${(data.enrollmentsBytes / 1e6).toFixed(1)} MB CSV, ` +
    `${counts.schedules_created ?? "?"} schedules created`;
  if (!run.sqlite) {
    rows.push(
      row(size, STEP.enrollFast, enroll, null, size, `${note}; sqlite3 absent`),
    );
    return rows;
  }
  for (
    const [form, step] of [["key-declared", STEP.enrollKey], [
      "load-then-index",
      STEP.enrollFast,
    ]] as const
  ) {
    const floor = await sqliteFloor(form, data.files.enrollments, data.dir);
    rows.push(row(size, step, enroll, floor, size, note));
  }
  return rows;
}

/** `send all` for the benchmark date against the template-literal floor. */
/** The floor of `send all`: the same number of emails by bench/floor_send.ts, as a child. */
async function sendFloor(out: string, count: number): Promise<ChildRun> {
  return await runChecked("send floor", {
    cmd: Deno.execPath(),
    args: [
      "run",
      `--allow-write=${out}`,
      join(ROOT, "bench", "floor_send.ts"),
      out,
      String(count),
    ],
    cwd: ROOT,
  });
}

async function benchSend(
  run: Run,
  data: Dataset,
  db: string,
): Promise<BenchRow> {
  const out = join(data.dir, "ace_messages");
  const send = await tool(run, "send all", [
    "--db",
    db,
    "--json",
    "send",
    "all",
    "--date",
    SEND_DATE,
    "--out",
    out,
  ]);
  const summary = JSON.parse(send.stdout) as {
    messages: Record<string, { sent: number }>;
  };
  const sent = Object.values(summary.messages).reduce((n, c) => n + c.sent, 0);
  const floorOut = join(data.dir, "floor_messages");
  const floor = await sendFloor(floorOut, sent);
  const [toolKb, floorKb] = [averageKb(out), averageKb(floorOut)];
  const share = ((100 * sent) / data.enrollments).toFixed(2);
  progress(
    `${data.enrollments}: send all wrote ${sent} emails in ${
      Math.round(send.ms)
    } ms`,
  );
  return row(
    data.enrollments,
    STEP.send,
    send,
    floor,
    sent,
    `${sent} emails (${share}% of schedules; ${
      JSON.stringify(countsOf(summary))
    }); ` +
      `files ${toolKb} KB (tool) vs ${floorKb} KB (floor) on average`,
  );
}

function countsOf(summary: { messages: Record<string, { sent: number }> }) {
  return Object.fromEntries(
    Object.entries(summary.messages).map(([k, v]) => [k, v.sent]),
  );
}

/** Average size in KB of the message files in a folder. */
function averageKb(dir: string): string {
  let bytes = 0, files = 0;
  for (const entry of Deno.readDirSync(dir)) {
    if (
      !entry.isFile || !entry.name.endsWith(".html") ||
      entry.name === "index.html"
    ) continue;
    bytes += Deno.statSync(join(dir, entry.name)).size;
    files++;
  }
  return files === 0 ? "—" : (bytes / files / 1024).toFixed(1);
}

async function benchSelection(
  run: Run,
  size: number,
  db: string,
): Promise<BenchRow[]> {
  let s: SelectionResult;
  try {
    const child = await runChecked("selection", {
      cmd: Deno.execPath(),
      args: [
        "run",
        "--allow-read",
        join(ROOT, "bench", "selection.ts"),
        db,
        SEND_DATE,
        String(run.options.smoke ? 1 : 11),
      ],
      cwd: ROOT,
    });
    s = JSON.parse(child.stdout) as SelectionResult;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    run.notes.push(`selection at ${size} skipped: ${text.split("\n")[0]}`);
    return [];
  }
  const note =
    `${s.windows} windows, ${s.rows} rows (${s.lookbackRows} from the ` +
    `next-section look-back), ${s.candidates} candidates; ` +
    `index used: ${s.usesIndex ? "yes" : "NO"}`;
  if (!s.usesIndex) {
    run.notes.push(`query plans at ${size}: ${s.plans.join(" | ")}`);
  }
  return [
    row(size, STEP.select, s.selectMs, s.rawMs, s.rows, note),
    row(size, STEP.selectResolve, s.selectResolveMs, s.rawMs, s.rows, note),
  ];
}

/** All steps at one size. */
async function benchSize(run: Run, size: number): Promise<BenchRow[]> {
  const dir = join(run.tmp, String(size));
  await Deno.mkdir(dir, { recursive: true });
  const started = performance.now();
  const data = generateDataset(dir, size);
  progress(
    `${size}: data generated in ${Math.round(performance.now() - started)} ms`,
  );
  const db = join(dir, "schedules.db");
  const rows = await benchImport(run, data, db);
  rows.push(...await benchSelection(run, size, db));
  rows.push(await benchSend(run, data, db));
  return rows;
}

/** `schedules --version` against `deno run` of an empty script (medians, alternated). */
async function benchStartup(run: Run): Promise<BenchRow> {
  const runs = run.options.smoke ? 3 : 9;
  const empty = join(run.tmp, "empty.ts");
  await Deno.writeTextFile(
    empty,
    "// The start-up floor: a script with no code.\n",
  );
  const toolMs: number[] = [], bareMs: number[] = [];
  await runChecked("bare deno run", bareDenoCommand(empty)); // warm the module cache
  await tool(run, "--version", ["--version"]);
  for (let i = 0; i < runs; i++) {
    bareMs.push((await runChecked("bare deno run", bareDenoCommand(empty))).ms);
    toolMs.push((await tool(run, "--version", ["--version"])).ms);
  }
  return row(
    0,
    STEP.startup,
    median(toolMs),
    median(bareMs),
    0,
    `median of ${runs}`,
  );
}

/** Output of a command, or "" when it cannot run (Deno reads /proc only with --allow-all). */
async function commandText(cmd: string, args: string[]): Promise<string> {
  try {
    return (await runChild({ cmd, args })).stdout;
  } catch {
    return "";
  }
}

async function machine(sqlite: boolean): Promise<Machine> {
  const cpuinfo = await commandText("cat", ["/proc/cpuinfo"]);
  const meminfo = await commandText("cat", ["/proc/meminfo"]);
  const nproc = Number((await commandText("nproc", [])).trim());
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(meminfo)?.[1] ?? 0);
  const sqliteVersion = sqlite
    ? (await commandText("sqlite3", ["--version"])).split(" ")[0] ?? null
    : null;
  using db = new DatabaseSync(":memory:");
  const nodeSqlite = (db.prepare("SELECT sqlite_version() AS v").get() as {
    v: string;
  }).v;
  return {
    cpus: nproc > 0 ? nproc : navigator.hardwareConcurrency,
    cpuModel: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    memoryGb: memKb / 1024 / 1024,
    deno: Deno.version.deno,
    sqlite3: sqliteVersion,
    nodeSqlite,
    rss: rssMethod(),
  };
}

/** Replaces the generated section of BENCHMARKS.md (between the bench markers). */
export function replaceSection(text: string, section: string): string {
  const begin = "<!-- bench:begin -->", end = "<!-- bench:end -->";
  const from = text.indexOf(begin), to = text.indexOf(end);
  if (from < 0 || to < from) {
    throw new Error("BENCHMARKS.md has no bench markers");
  }
  return `${text.slice(0, from + begin.length)}\n${section}\n${text.slice(to)}`;
}

async function writeOutputs(run: Run, report: BenchReport): Promise<void> {
  const out = join(ROOT, "bench", "out");
  await Deno.mkdir(out, { recursive: true });
  const markdown = markdownReport(report);
  await Deno.writeTextFile(
    join(out, "latest.json"),
    JSON.stringify(report, null, 2) + "\n",
  );
  await Deno.writeTextFile(join(out, "latest.md"), markdown + "\n");
  if (run.options.writeBenchmarks) {
    const path = join(ROOT, "BENCHMARKS.md");
    await Deno.writeTextFile(
      path,
      replaceSection(await Deno.readTextFile(path), markdown),
    );
  }
}

async function main(args: string[]): Promise<number> {
  const options = parseBenchArgs(args);
  const sqlite = await commandWorks("sqlite3");
  const run: Run = {
    options,
    flags: loadScheduleFlags(),
    tmp: await Deno.makeTempDir({ prefix: "schedules-bench-" }),
    sqlite,
    notes: [],
  };
  if (!sqlite) {
    run.notes.push("sqlite3 is not installed: the import floors were skipped");
  }
  try {
    const rows: BenchRow[] = [await benchStartup(run)];
    for (const size of options.sizes) rows.push(...await benchSize(run, size));
    const report: BenchReport = {
      generated: new Date().toISOString(),
      machine: await machine(sqlite),
      sizes: options.sizes,
      rows,
      targets: checkTargets(rows),
      notes: [...run.notes, ...rows.map(rowNote)],
    };
    console.log(textTable(rows));
    console.log(
      `\nPer-row costs, µs:\n${perRowTable(rows, options.sizes)}\n\n` +
        `Targets of issue #7:\n${targetsTable(report.targets)}`,
    );
    await writeOutputs(run, report);
    return 0;
  } finally {
    if (options.keep) progress(`kept ${run.tmp}`);
    else await Deno.remove(run.tmp, { recursive: true });
  }
}

if (import.meta.main) {
  try {
    Deno.exitCode = await main(Deno.args);
  } catch (error) {
    console.error(
      `bench: error: ${error instanceof Error ? error.message : String(error)}`,
    );
    Deno.exitCode = 1;
  }
}
