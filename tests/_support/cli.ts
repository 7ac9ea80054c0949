/**
 * Runs main.ts as a child process with the exact permission flags of the `schedules` task in
 * deno.json, so end-to-end tests catch a permission the production command lacks.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The flags of `deno task schedules` (between `deno run` and `main.ts`). */
export function productionFlags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json")));
  const command: string = config.tasks.schedules.command;
  const words = command.split(/\s+/);
  return words.slice(words.indexOf("run") + 1, words.indexOf("main.ts"));
}

/** What a CLI run printed. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@linkcode runCli}. */
export interface CliOptions {
  cwd: string;
  env?: Record<string, string>;
  stdin?: string;
}

/**
 * Starts `schedules <args>` in `cwd` without waiting (tests that signal or kill it). INIT_CWD
 * is set to `cwd`: under `deno task` it would name the task's caller instead.
 */
export function spawnCli(
  args: string[],
  options: CliOptions & { output?: "piped" | "null" },
): Deno.ChildProcess {
  return new Deno.Command("deno", {
    args: ["run", ...productionFlags(), join(ROOT, "main.ts"), ...args],
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env, INIT_CWD: options.cwd },
    stdout: options.output ?? "piped",
    stderr: options.output ?? "piped",
  }).spawn();
}

/** Runs `schedules <args>` in `cwd`. */
export async function runCli(
  args: string[],
  options: CliOptions,
): Promise<CliResult> {
  const child = new Deno.Command("deno", {
    args: ["run", ...productionFlags(), join(ROOT, "main.ts"), ...args],
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

/** The repository root (for fixtures). */
export const REPO_ROOT = ROOT;
