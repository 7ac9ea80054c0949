/**
 * Tests of the benchmark's own parts (bench/): the seeded data generator, the sqlite3 floor
 * scripts, the report and the target checks. The benchmark itself is not a test: CI runs
 * `deno task bench --smoke` once, with no timing assertion.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  catalog,
  ENROLLMENTS_PER_USER,
  generateDataset,
  mulberry32,
  pickDistinct,
} from "../bench/data.ts";
import { floorScript } from "../bench/floors.ts";
import { escapeHtml, floorEmail, renderEmail } from "../bench/floor_send.ts";
import { median } from "../bench/measure.ts";
import {
  type BenchRow,
  formatMs,
  formatSize,
  markdownTable,
  perRow,
  ratio,
  textTable,
} from "../bench/report.ts";
import { parseBenchArgs, replaceSection } from "../bench/run.ts";
import { checkTargets, STEP } from "../bench/targets.ts";
import { scheduleFlags } from "../bench/tool.ts";

function benchRow(overrides: Partial<BenchRow>): BenchRow {
  return {
    size: 10_000,
    step: STEP.send,
    toolMs: 100,
    floorMs: 50,
    peakRssMb: 80,
    floorRssMb: null,
    toolCpuMs: null,
    floorCpuMs: null,
    units: 100,
    note: "",
    ...overrides,
  };
}

Deno.test("mulberry32() gives the same sequence for the same seed", () => {
  const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
  const first = [a(), a(), a()];
  assert.deepEqual(first, [b(), b(), b()]);
  assert.notDeepEqual(first, [c(), c(), c()]);
  for (const value of first) assert.ok(value >= 0 && value < 1);
});

Deno.test("pickDistinct() returns distinct values below max", () => {
  const picked = pickDistinct(5, 40, mulberry32(1));
  assert.equal(picked.length, 5);
  assert.equal(new Set(picked).size, 5);
  for (const value of picked) assert.ok(value >= 0 && value < 40);
});

Deno.test("catalog() mixes self-paced, instructor-paced and highlight courses", () => {
  const courses = catalog();
  assert.equal(courses.length, 40);
  assert.equal(courses.filter((c) => c.selfPaced).length, 24);
  assert.equal(courses.filter((c) => c.selfPaced && c.highlights).length, 6);
  assert.equal(courses.filter((c) => !c.selfPaced && c.highlights).length, 6);
});

Deno.test("generateDataset() is deterministic and shaped as asked", async () => {
  const dirs = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  try {
    const [a, b] = dirs.map((dir) => generateDataset(dir, 1000, 9));
    const text = Deno.readTextFileSync(a!.files.enrollments);
    assert.equal(text, Deno.readTextFileSync(b!.files.enrollments));
    const lines = text.trim().split("\n");
    assert.equal(lines[0], "user_id,course_id,created,mode,is_active");
    assert.equal(lines.length, 1001);
    assert.equal(a!.users, 1000 / ENROLLMENTS_PER_USER);
    const rows = lines.slice(1).map((line) => line.split(","));
    const perUser = new Map<string, Set<string>>();
    for (const [user, course] of rows) {
      perUser.set(user!, (perUser.get(user!) ?? new Set()).add(course!));
    }
    assert.equal(perUser.size, 200);
    for (const courses of perUser.values()) assert.equal(courses.size, 5);
    const created = rows.map((row) => row[2]!);
    assert.deepEqual(
      created,
      [...created].sort(),
      "rows come in created order",
    );
    assert.ok(
      created[0]!.startsWith("2025-") && created.at(-1)!.startsWith("2025-"),
    );
    const users = Deno.readTextFileSync(join(a!.dir, "users.csv")).trim().split(
      "\n",
    );
    assert.equal(users.length, 201);
  } finally {
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("floorScript() declares the key only in the key-declared form", () => {
  const keyed = floorScript("key-declared", "/tmp/e.csv");
  const fast = floorScript("load-then-index", "/tmp/e.csv");
  assert.match(keyed, /PRIMARY KEY \(user_id, course_id\)/);
  assert.doesNotMatch(keyed, /CREATE UNIQUE INDEX/);
  assert.doesNotMatch(fast, /PRIMARY KEY/);
  const load = fast.indexOf(".import"),
    unique = fast.indexOf("CREATE UNIQUE INDEX");
  assert.ok(
    load >= 0 && unique > load,
    "the unique index is built after the load",
  );
  assert.match(fast, /\.import --csv --skip 1 "\/tmp\/e\.csv" enrollments/);
});

Deno.test("renderEmail() gives about 8 KB of escaped HTML with the trailing comments", () => {
  const html = renderEmail(floorEmail(0));
  const bytes = new TextEncoder().encode(html).length;
  assert.ok(bytes > 7000 && bytes < 9500, `${bytes} bytes`);
  assert.match(html, /Learner 1 &lt;García&gt;/);
  assert.match(html, /<!-- subject: Keep learning in Bench course 0 -->/);
  assert.equal(escapeHtml(`a<b>&"`), "a&lt;b&gt;&amp;&quot;");
});

Deno.test("scheduleFlags() takes the flags between `deno run` and main.ts", () => {
  const json = JSON.stringify({
    tasks: {
      schedules: { command: "deno run --quiet --allow-read -E=A,B main.ts" },
    },
  });
  assert.deepEqual(scheduleFlags(json), ["--quiet", "--allow-read", "-E=A,B"]);
  assert.throws(
    () => scheduleFlags(JSON.stringify({ tasks: { schedules: "node x.js" } })),
    /unexpected "schedules" task/,
  );
});

Deno.test("parseBenchArgs() picks the sizes of --smoke, default and --full", () => {
  assert.deepEqual(parseBenchArgs(["--smoke"]).sizes, [10_000]);
  assert.deepEqual(parseBenchArgs([]).sizes, [10_000, 100_000]);
  assert.deepEqual(parseBenchArgs(["--full"]).sizes, [
    10_000,
    100_000,
    1_000_000,
  ]);
  assert.throws(() => parseBenchArgs(["--fast"]));
});

Deno.test("replaceSection() rewrites only the text between the bench markers", () => {
  const text = "# B\n<!-- bench:begin -->\nold\n<!-- bench:end -->\ntail\n";
  assert.equal(
    replaceSection(text, "new"),
    "# B\n<!-- bench:begin -->\nnew\n<!-- bench:end -->\ntail\n",
  );
  assert.throws(() => replaceSection("no markers", "x"), /markers/);
});

Deno.test("median() of odd and even lists", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

Deno.test("ratio(), perRow() and the formatters", () => {
  const row = benchRow({ toolMs: 300, floorMs: 100, units: 1000 });
  assert.equal(ratio(row), 3);
  assert.deepEqual(perRow(row), { tool: 300, floor: 100 });
  assert.equal(ratio(benchRow({ floorMs: null })), null);
  assert.equal(formatMs(1.234), "1.23 ms");
  assert.equal(formatMs(12_345), "12.3 s");
  assert.equal(formatSize(1_000_000), "1M");
  assert.equal(formatSize(100_000), "100k");
});

Deno.test("textTable() and markdownTable() print one line per row with the ratio", () => {
  const rows = [
    benchRow({}),
    benchRow({ size: 100_000, floorMs: null, peakRssMb: null }),
  ];
  const text = textTable(rows).split("\n");
  assert.equal(text.length, 4);
  assert.match(
    text[2]!,
    /^10k\s+send all\s+100 ms\s+50\.0 ms\s+2\.00×\s+80 MB$/,
  );
  const markdown = markdownTable(rows).split("\n");
  assert.equal(
    markdown[0],
    "| size | step | tool | floor | ratio | peak RSS |",
  );
  assert.equal(markdown[3], "| 100k | send all | 100 ms | — | — | — |");
});

Deno.test("checkTargets() says met, not met or not measured, never guesses", () => {
  const rows = [
    benchRow({
      step: STEP.enrollFast,
      toolMs: 200,
      floorMs: 100,
      units: 10_000,
    }),
    benchRow({
      size: 100_000,
      step: STEP.enrollFast,
      toolMs: 4000,
      floorMs: 1000,
      units: 100_000,
      peakRssMb: 250,
    }),
    benchRow({ step: STEP.startup, size: 0, toolMs: 140, floorMs: 100 }),
  ];
  const byTarget = new Map(checkTargets(rows).map((t) => [t.target, t]));
  const importTarget = byTarget.get(
    "import enrollments ≤ 3× sqlite3 load+index",
  )!;
  assert.equal(importTarget.met, false);
  assert.equal(importTarget.measured, "10k: 2.00×, 100k: 4.00×");
  assert.equal(byTarget.get("peak RSS ≤ 200 MB")!.met, false);
  assert.equal(byTarget.get("import RSS roughly flat 100k → 1M")!.met, null);
  assert.equal(byTarget.get("start-up ≤ 1.5× bare deno run")!.met, true);
  assert.equal(byTarget.get("send all ≤ 2× its floor")!.met, null);
  const linear = [...byTarget.values()].find((t) =>
    t.target.startsWith("cost per row")
  )!;
  assert.equal(linear.met, false, "20 → 40 µs per row is worse than linear");
});
