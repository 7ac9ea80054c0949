/**
 * The benchmark report: one table (size, step, tool time, floor time, ratio, peak RSS), the
 * per-row costs per size, the targets of issue #7 checked against the numbers, and the machine.
 * Pure formatting, so tests can check it without running anything.
 */

/** One measured step at one size. */
export interface BenchRow {
  /** Enrollment rows of the data set (0 for size-independent steps such as start-up). */
  size: number;
  step: string;
  toolMs: number | null;
  floorMs: number | null;
  /** Peak RSS of the tool process in MB (null for in-process steps). */
  peakRssMb: number | null;
  /** Peak RSS of the floor process in MB, when it is a process. */
  floorRssMb: number | null;
  /** CPU time (user + system) of the tool and floor processes, when measured. */
  toolCpuMs: number | null;
  floorCpuMs: number | null;
  /** Rows (or emails) the step processed: the divisor of the per-row cost. */
  units: number;
  /** What was measured, in words. */
  note: string;
}

/** The machine a run was made on. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  deno: string;
  sqlite3: string | null;
  nodeSqlite: string;
  rss: string;
}

/** A target of issue #7 with its verdict. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** true met, false not met, null not measured in this run. */
  met: boolean | null;
}

/** Everything a run produced. */
export interface BenchReport {
  generated: string;
  machine: Machine;
  sizes: number[];
  rows: BenchRow[];
  targets: TargetCheck[];
  notes: string[];
}

/** floor ÷ tool as "tool / floor", or null when either is missing. */
export function ratio(row: BenchRow): number | null {
  if (row.toolMs === null || row.floorMs === null || row.floorMs <= 0) {
    return null;
  }
  return row.toolMs / row.floorMs;
}

/** Milliseconds for people: 0.42 ms, 12.3 ms, 456 ms, 12.3 s. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** 10k, 100k, 1M. */
export function formatSize(size: number): string {
  if (size === 0) return "—";
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${size / 1e6}M`;
  if (size >= 1000 && size % 1000 === 0) return `${size / 1000}k`;
  return String(size);
}

function cells(row: BenchRow): string[] {
  const r = ratio(row);
  return [
    formatSize(row.size),
    row.step,
    formatMs(row.toolMs),
    formatMs(row.floorMs),
    r === null ? "—" : `${r.toFixed(2)}×`,
    row.peakRssMb === null ? "—" : `${Math.round(row.peakRssMb)} MB`,
  ];
}

const HEADER = ["size", "step", "tool", "floor", "ratio", "peak RSS"];

/** The table as aligned plain text (for the terminal). */
export function textTable(rows: readonly BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) =>
    Math.max(h.length, ...body.map((c) => c[i]!.length))
  );
  const line = (c: readonly string[]) =>
    c.map((text, i) =>
      i >= 2 ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)
    )
      .join("  ");
  return [
    line(HEADER),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
  ]
    .join("\n");
}

/** The table as Markdown. */
export function markdownTable(rows: readonly BenchRow[]): string {
  const line = (c: readonly string[]) => `| ${c.join(" | ")} |`;
  return [
    line(HEADER),
    "|---|---|--:|--:|--:|--:|",
    ...rows.map((row) => line(cells(row))),
  ].join("\n");
}

/** µs per unit of a row's tool and floor time. */
export function perRow(
  row: BenchRow,
): { tool: number | null; floor: number | null } {
  const per = (ms: number | null) =>
    ms === null || row.units <= 0 ? null : (ms * 1000) / row.units;
  return { tool: per(row.toolMs), floor: per(row.floorMs) };
}

/** Steps whose per-row cost is reported (their units are rows or emails). */
export const PER_ROW_STEPS: readonly { step: string; unit: string }[] = [
  { step: "import users", unit: "user" },
  { step: "import enrollments vs sqlite3 load+index", unit: "enrollment" },
  { step: "send all", unit: "email" },
  { step: "selection + resolvers vs raw SQL", unit: "selected row" },
];

/** Per-row costs per size as Markdown (µs per unit, tool / floor). */
export function perRowTable(
  rows: readonly BenchRow[],
  sizes: readonly number[],
): string {
  const fmt = (
    v: number | null,
  ) => (v === null ? "—" : v.toFixed(v < 10 ? 2 : 1));
  const lines = [
    `| step (µs per unit) | ${sizes.map(formatSize).join(" | ")} |`,
    `|---|${sizes.map(() => "--:").join("|")}|`,
  ];
  for (const { step, unit } of PER_ROW_STEPS) {
    const parts = sizes.map((size) => {
      const row = rows.find((r) => r.size === size && r.step.startsWith(step));
      if (!row) return "—";
      const { tool, floor } = perRow(row);
      return floor === null ? fmt(tool) : `${fmt(tool)} / ${fmt(floor)}`;
    });
    lines.push(
      `| ${step} (per ${unit}; tool / floor) | ${parts.join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

/** The targets as Markdown. */
export function targetsTable(targets: readonly TargetCheck[]): string {
  const verdict = (met: boolean | null) =>
    met === null ? "not measured" : met ? "met" : "**not met**";
  return [
    "| target | measured | verdict |",
    "|---|---|---|",
    ...targets.map((t) =>
      `| ${t.target} | ${t.measured} | ${verdict(t.met)} |`
    ),
  ].join("\n");
}

/** The machine as one Markdown line. */
export function machineLine(m: Machine): string {
  return `${m.cpus} CPUs (${m.cpuModel}), ${
    m.memoryGb.toFixed(1)
  } GB RAM, Deno ${m.deno}, ` +
    `node:sqlite SQLite ${m.nodeSqlite}, sqlite3 shell ${
      m.sqlite3 ?? "absent"
    }; ` +
    `peak RSS via ${m.rss}`;
}

/** One note line per row: what was measured, CPU times and the floor's peak RSS. */
export function rowNote(row: BenchRow): string {
  const parts = [row.note];
  if (row.toolCpuMs !== null) {
    parts.push(
      `CPU ${formatMs(row.toolCpuMs)} tool` +
        (row.floorCpuMs === null ? "" : ` / ${formatMs(row.floorCpuMs)} floor`),
    );
  }
  if (row.floorRssMb !== null) {
    parts.push(`floor peak RSS ${Math.round(row.floorRssMb)} MB`);
  }
  const size = row.size === 0 ? "once" : formatSize(row.size);
  return `${row.step} (${size}): ${parts.join("; ")}`;
}

/** The whole report as Markdown (bench/out/latest.md and the BENCHMARKS.md section). */
export function markdownReport(report: BenchReport): string {
  return [
    `Run of ${report.generated} on: ${machineLine(report.machine)}.`,
    "",
    markdownTable(report.rows),
    "",
    "Per-row costs (µs; the 10k size carries each process's fixed start-up cost):",
    "",
    perRowTable(report.rows, report.sizes),
    "",
    "Targets of issue #7:",
    "",
    targetsTable(report.targets),
    "",
    ...(report.notes.length > 0
      ? ["Notes:", "", ...report.notes.map((n) => `- ${n}`)]
      : []),
  ].join("\n");
}
