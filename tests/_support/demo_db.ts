/**
 * A database holding the demo fixtures, built once per test process through the real CLI
 * imports, and copied for each test that needs one.
 */
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./cli.ts";

let template: Promise<string> | null = null;

async function build(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "schedules-demo-db-" });
  const db = join(dir, "demo.db");
  const kinds = [
    "config",
    "users",
    "courses",
    "modes",
    "highlights",
    "enrollments",
    "optouts",
  ];
  for (const kind of kinds) {
    const file = join(
      REPO_ROOT,
      "fixtures",
      kind === "config" ? "config.json" : `${kind}.csv`,
    );
    const result = await runCli(
      [
        "import",
        kind,
        file,
        "--db",
        db,
        "--now",
        "2026-03-16T00:00:00Z",
        "--quiet",
      ],
      { cwd: dir },
    );
    if (result.code !== 0) {
      throw new Error(`import ${kind} failed: ${result.stderr}`);
    }
  }
  return db;
}

/** A fresh copy of the demo database in `dir`; returns its path. */
export async function demoDb(dir: string): Promise<string> {
  template ??= build();
  const path = join(dir, "demo.db");
  const source = await template;
  // Fold the WAL into the main file before copying it.
  await runCli(["init", "--db", source, "--quiet"], { cwd: dir });
  await Deno.copyFile(source, path);
  return path;
}
