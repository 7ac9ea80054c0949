/**
 * The tool as a child process, exactly as `deno task schedules` runs it: the permission flags are
 * read from the `schedules` task in deno.json, so the benchmark measures the production command.
 */
import { dirname, join } from "node:path";
import type { ChildCommand } from "./measure.ts";

/** The repository root (where deno.json and main.ts are). */
export const ROOT = join(dirname(import.meta.filename ?? ""), "..");

/** The flags between `deno run` and `main.ts` in the `schedules` task. */
export function scheduleFlags(denoJsonText: string): string[] {
  const config = JSON.parse(denoJsonText) as {
    tasks?: Record<string, string | { command?: string }>;
  };
  const task = config.tasks?.["schedules"];
  const command = typeof task === "string" ? task : task?.command;
  if (!command) throw new Error('deno.json has no "schedules" task');
  const words = command.trim().split(/\s+/);
  if (words[0] !== "deno" || words[1] !== "run" || words.at(-1) !== "main.ts") {
    throw new Error(
      `unexpected "schedules" task (want "deno run … main.ts"): ${command}`,
    );
  }
  return words.slice(2, -1);
}

/** Builds `schedules <args>` commands with the task's flags. */
export function toolCommand(
  flags: readonly string[],
  args: readonly string[],
): ChildCommand {
  return {
    cmd: Deno.execPath(),
    args: ["run", ...flags, join(ROOT, "main.ts"), ...args],
    cwd: ROOT,
  };
}

/** `deno run` of a script with no code: the start-up floor. */
export function bareDenoCommand(script: string): ChildCommand {
  return { cmd: Deno.execPath(), args: ["run", script], cwd: ROOT };
}

/** Loads the task's flags from the repository's deno.json. */
export function loadScheduleFlags(): string[] {
  return scheduleFlags(Deno.readTextFileSync(join(ROOT, "deno.json")));
}
