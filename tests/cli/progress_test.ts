/**
 * The progress line: drawn only for a person at a terminal, rewritten in place, cleared at the end.
 */
import { deepEqual, equal } from "node:assert/strict";
import type { CommandContext } from "../../src/cli/context.ts";
import { createProgress, statusLine } from "../../src/cli/progress.ts";

function context(fancy: boolean, quiet = false): CommandContext {
  return {
    globals: { db: ":memory:", json: false, quiet, verbose: false, now: null },
    env: {},
    today: Temporal.PlainDate.from("2026-03-16"),
    now: () => 0,
    cwd: "/",
    out: () => {},
    err: () => {},
    stdin: new Blob([]).stream(),
    fancy,
  };
}

Deno.test("createProgress() rewrites one status line per delivery and clears it on finish", () => {
  const written: string[] = [];
  const progress = createProgress(context(true), {
    write: (text) => written.push(text),
    columns: 80,
  });
  progress.onProgress("recurringnudge_day3", "sent");
  progress.onProgress("recurringnudge_day3", "sent");
  progress.onProgress("recurringnudge_day3", "failed");
  progress.onProgress("upgradereminder", "sent");
  progress.finish();
  deepEqual(written, [
    "\r\x1b[2Krecurringnudge_day3: 1 sent, 0 failed",
    "\r\x1b[2Krecurringnudge_day3: 2 sent, 0 failed",
    "\r\x1b[2Krecurringnudge_day3: 2 sent, 1 failed",
    "\r\x1b[2Kupgradereminder: 1 sent, 0 failed",
    "\r\x1b[2K",
  ]);
  equal(written.some((text) => text.includes("\n")), false);
});

Deno.test("createProgress() does nothing when stderr is not a terminal (cron) or under --quiet", () => {
  for (const ctx of [context(false), context(true, true)]) {
    const written: string[] = [];
    const progress = createProgress(ctx, { write: (t) => written.push(t) });
    progress.onProgress("courseupdate", "sent");
    progress.finish();
    deepEqual(written, []);
  }
});

Deno.test("createProgress() cuts lines to the terminal width, since a wrapped line cannot be rewritten", () => {
  const written: string[] = [];
  const progress = createProgress(context(true), {
    write: (text) => written.push(text),
    columns: 20,
  });
  progress.onProgress("instructorledcourseupdate", "sent");
  deepEqual(written, ["\r\x1b[2Kinstructorledcourse"]);
});

Deno.test("createProgress() finish() writes nothing when nothing was drawn", () => {
  const written: string[] = [];
  createProgress(context(true), { write: (t) => written.push(t) }).finish();
  deepEqual(written, []);
});

Deno.test("statusLine() adds other outcomes (unknown) after sent and failed", () => {
  equal(
    statusLine(
      "upgradereminder",
      new Map([["unknown", 1], ["sent", 3]]),
    ),
    "upgradereminder: 3 sent, 0 failed, 1 unknown",
  );
});
