/**
 * Running and timing child processes: wall time, exit code, output, and peak RSS — from
 * `/usr/bin/time` when present (exact, from the kernel's rusage), else by polling `VmHWM` in
 * `/proc/<pid>/status` while the child runs (may miss growth in its last 20 ms).
 */

/** The result of one child process. */
export interface ChildRun {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size in MB, or null when it could not be read. */
  peakRssMb: number | null;
  /** User + system CPU time (from /usr/bin/time), or null without it. */
  cpuMs: number | null;
}

/** A command to run. */
export interface ChildCommand {
  cmd: string;
  args: string[];
  cwd?: string;
  /** Text written to the child's stdin (e.g. a sqlite3 script). */
  stdin?: string;
}

const TIME_BIN = "/usr/bin/time";

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `name` runs (exit 0 with `--version`). */
export async function commandWorks(name: string): Promise<boolean> {
  try {
    const out = await new Deno.Command(name, {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

/** How peak RSS is measured on this machine (for the report). */
export function rssMethod(): string {
  return exists(TIME_BIN)
    ? "/usr/bin/time (rusage max RSS)"
    : "/proc/<pid>/status VmHWM, polled every 20 ms";
}

/** Runs a child to completion and measures it (`useTime` false forces /proc polling). */
export async function runChild(
  command: ChildCommand,
  useTime = exists(TIME_BIN),
): Promise<ChildRun> {
  const rssFile = useTime ? await Deno.makeTempFile() : null;
  await flushDirtyPages();
  const child = new Deno.Command(useTime ? TIME_BIN : command.cmd, {
    args: useTime
      ? ["-f", "%M %U %S", "-o", rssFile!, command.cmd, ...command.args]
      : command.args,
    ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
    stdin: command.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const start = performance.now();
  const process = child.spawn();
  const poller = useTime ? null : pollPeak(process.pid);
  if (command.stdin !== undefined) await writeStdin(process, command.stdin);
  const output = await process.output();
  const ms = performance.now() - start;
  const usage = rssFile
    ? readTimeFile(rssFile)
    : { peakKb: await poller!.stop(), cpuMs: null };
  const decoder = new TextDecoder();
  return {
    ms,
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
    peakRssMb: usage.peakKb === null ? null : usage.peakKb / 1024,
    cpuMs: usage.cpuMs,
  };
}

/**
 * `sync` before each measured child: a step that writes hundreds of megabytes (the 1M import)
 * leaves the kernel flushing them for seconds, and the next child (the tool's send, then its
 * floor) would pay for that writeback in its own file creations. Not timed; skipped where
 * `sync` cannot run.
 */
async function flushDirtyPages(): Promise<void> {
  try {
    await new Deno.Command("sync", { stdout: "null", stderr: "null" }).output();
  } catch {
    // No `sync` on this system: measure as is.
  }
}

async function writeStdin(process: Deno.ChildProcess, text: string) {
  const writer = process.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
}

/** Reads `/usr/bin/time -f "%M %U %S"` output: peak RSS (KB) and CPU time. */
function readTimeFile(
  file: string,
): { peakKb: number | null; cpuMs: number | null } {
  try {
    // The last line holds the numbers ("Command exited with …" may precede it).
    const lines = Deno.readTextFileSync(file).trim().split("\n");
    const [kb, user, sys] = (lines.at(-1) ?? "").split(" ").map(Number);
    const ok = (v: number | undefined): v is number =>
      v !== undefined && Number.isFinite(v);
    return {
      peakKb: ok(kb) && kb > 0 ? kb : null,
      cpuMs: ok(user) && ok(sys) ? (user + sys) * 1000 : null,
    };
  } catch {
    return { peakKb: null, cpuMs: null };
  } finally {
    Deno.removeSync(file);
  }
}

/**
 * Polls VmHWM (KB) of `pid` until stopped; returns the last value seen. Deno only lets a process
 * with --allow-all read /proc, so the file is read by `cat` (the benchmark may run processes).
 */
function pollPeak(pid: number): { stop: () => Promise<number | null> } {
  let peak: number | null = null;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const out = await new Deno.Command("cat", {
          args: [`/proc/${pid}/status`],
          stdout: "piped",
          stderr: "null",
        }).output();
        const match = /VmHWM:\s+(\d+)\s+kB/.exec(
          new TextDecoder().decode(out.stdout),
        );
        if (match) peak = Math.max(peak ?? 0, Number(match[1]));
      } catch {
        // No cat or no /proc: no peak RSS on this machine.
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs a child and throws with its stderr when it fails. */
export async function runChecked(
  what: string,
  command: ChildCommand,
): Promise<ChildRun> {
  const run = await runChild(command);
  if (run.code !== 0) {
    const tail = run.stderr.trim().split("\n").slice(-8).join("\n");
    throw new Error(`${what} failed with exit code ${run.code}:\n${tail}`);
  }
  return run;
}
