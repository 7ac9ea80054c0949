/**
 * The targets of issue #7, checked against the measured rows. A target whose inputs were not
 * measured in this run (no sqlite3, no 1M size) is reported as not measured, never as met.
 */
import {
  type BenchRow,
  formatSize,
  perRow,
  ratio,
  type TargetCheck,
} from "./report.ts";

/** Step names shared by the runner and the checks. */
export const STEP = {
  users: "import users",
  catalog: "import config, courses, modes, highlights",
  enrollKey: "import enrollments vs sqlite3 key declared",
  enrollFast: "import enrollments vs sqlite3 load+index",
  send: "send all",
  select: "selection vs raw SQL",
  selectResolve: "selection + resolvers vs raw SQL",
  startup: "start-up: --version vs bare deno run",
} as const;

/** Growth of per-row cost between consecutive sizes still called linear. */
export const LINEAR_SLACK = 1.25;
/** 1M peak RSS over 100k peak RSS still called roughly flat. */
export const FLAT_RSS_SLACK = 1.5;

function rowsOf(rows: readonly BenchRow[], step: string): BenchRow[] {
  return rows.filter((r) => r.step.startsWith(step)).sort((a, b) =>
    a.size - b.size
  );
}

function ratioCheck(
  rows: readonly BenchRow[],
  step: string,
  limit: number,
  target: string,
): TargetCheck {
  const measured = rowsOf(rows, step).filter((r) => ratio(r) !== null);
  if (measured.length === 0) return { target, measured: "—", met: null };
  return {
    target,
    measured: measured.map((r) =>
      `${formatSize(r.size)}: ${ratio(r)!.toFixed(2)}×`
    )
      .join(", "),
    met: measured.every((r) => ratio(r)! <= limit),
  };
}

function rssChecks(rows: readonly BenchRow[]): TargetCheck[] {
  const withRss = rows.filter((r) => r.peakRssMb !== null);
  const top = withRss.reduce<BenchRow | null>(
    (best, r) => (best === null || r.peakRssMb! > best.peakRssMb! ? r : best),
    null,
  );
  const peak: TargetCheck = top === null
    ? { target: "peak RSS ≤ 200 MB", measured: "—", met: null }
    : {
      target: "peak RSS ≤ 200 MB",
      measured: `max ${Math.round(top.peakRssMb!)} MB (${top.step}, ${
        formatSize(top.size)
      })`,
      met: top.peakRssMb! <= 200,
    };
  const enroll = rowsOf(rows, STEP.enrollFast);
  const at = (size: number) =>
    enroll.find((r) => r.size === size)?.peakRssMb ?? null;
  const [small, large] = [at(100_000), at(1_000_000)];
  const flat: TargetCheck = small === null || large === null
    ? {
      target: "import RSS roughly flat 100k → 1M",
      measured: "needs --full",
      met: null,
    }
    : {
      target: "import RSS roughly flat 100k → 1M",
      measured: `${Math.round(small)} MB → ${Math.round(large)} MB`,
      met: large <= small * FLAT_RSS_SLACK,
    };
  return [peak, flat];
}

function linearCheck(rows: readonly BenchRow[]): TargetCheck {
  const parts: string[] = [];
  let met: boolean | null = null;
  for (const step of [STEP.enrollFast, STEP.send, STEP.selectResolve]) {
    const costs = rowsOf(rows, step).map((r) => ({
      size: r.size,
      us: perRow(r).tool,
      floor: perRow(r).floor,
    }))
      .filter((c): c is { size: number; us: number; floor: number | null } =>
        c.us !== null
      );
    if (costs.length < 2) continue;
    // The floor's own growth is shown beside the tool's: it tells SQLite's cost from ours.
    const floors = costs.every((c) => c.floor !== null)
      ? ` (floor ${costs.map((c) => c.floor!.toFixed(1)).join(" → ")})`
      : "";
    parts.push(
      `${step.split(" vs ")[0]}: ${
        costs.map((c) => c.us.toFixed(1)).join(" → ")
      } µs${floors}`,
    );
    const ok = costs.every((c, i) =>
      i === 0 || c.us <= costs[i - 1]!.us * LINEAR_SLACK
    );
    met = (met ?? true) && ok;
  }
  return {
    target:
      `cost per row grows linearly or better (≤ ${LINEAR_SLACK}× per size step)`,
    measured: parts.length > 0 ? parts.join("; ") : "needs two sizes",
    met,
  };
}

/** Every target with its verdict. */
export function checkTargets(rows: readonly BenchRow[]): TargetCheck[] {
  return [
    ratioCheck(
      rows,
      STEP.enrollFast,
      3,
      "import enrollments ≤ 3× sqlite3 load+index",
    ),
    ...rssChecks(rows),
    ratioCheck(rows, STEP.send, 2, "send all ≤ 2× its floor"),
    ratioCheck(
      rows,
      STEP.selectResolve,
      2,
      "selection (+ resolvers) ≤ 2× raw SQL",
    ),
    linearCheck(rows),
    ratioCheck(rows, STEP.startup, 1.5, "start-up ≤ 1.5× bare deno run"),
  ];
}
