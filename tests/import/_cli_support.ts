/** A CommandContext for running the import and export commands in tests, in a temp folder. */
import type { CommandContext } from "../../src/cli/context.ts";
import { NOW, streamOf } from "./_support.ts";

/** A test context: what it printed, and the folder it runs in. */
export interface TestContext extends CommandContext, AsyncDisposable {
  stdout: string[];
  stderr: string[];
}

/** Options of {@linkcode testContext}. */
export interface TestContextOptions {
  json?: boolean;
  quiet?: boolean;
  stdin?: string;
}

/** A context whose cwd is a fresh temp folder (removed on dispose) and db is `s.db` in it. */
export async function testContext(
  options: TestContextOptions = {},
): Promise<TestContext> {
  const cwd = await Deno.makeTempDir({ prefix: "schedules_cli_test_" });
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    globals: {
      db: "s.db",
      json: options.json ?? false,
      quiet: options.quiet ?? false,
      verbose: false,
      now: NOW,
    },
    env: {},
    today: Temporal.PlainDate.from("2026-03-01"),
    now: () => NOW,
    cwd,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    stdin: streamOf(options.stdin ?? ""),
    fancy: false,
    stdout,
    stderr,
    [Symbol.asyncDispose]: () => Deno.remove(cwd, { recursive: true }),
  };
}
