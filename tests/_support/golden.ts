/**
 * Golden-file comparison for rendered emails: `UPDATE_GOLDEN=1` (`deno task test:update`)
 * rewrites the files; otherwise the text must match, line endings normalised. A mismatch names
 * the first differing line, so a template change is easy to find in the diff.
 */
import assert from "node:assert/strict";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** CRLF/CR → LF, exactly one trailing newline. */
export function normalizeGolden(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\n*$/, "\n");
}

/** Asserts that `actual` equals the golden file at `url` (or rewrites it under UPDATE_GOLDEN=1). */
export async function assertGolden(url: URL, actual: string): Promise<void> {
  const path = fileURLToPath(url);
  const text = normalizeGolden(actual);
  if (Deno.env.get("UPDATE_GOLDEN") === "1") {
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeTextFile(path, text);
    return;
  }
  let expected: string;
  try {
    expected = normalizeGolden(await Deno.readTextFile(path));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    assert.fail(
      `Golden file "${path}" is missing: run "deno task test:update"`,
    );
  }
  if (text === expected) return;
  const got = text.split("\n");
  const want = expected.split("\n");
  let line = 0;
  while (got[line] === want[line]) line++;
  assert.fail(
    `"${path}" differs at line ${line + 1} (UPDATE_GOLDEN=1 rewrites it):\n` +
      `  expected: ${want[line] ?? "<end of file>"}\n  actual:   ${
        got[line] ?? "<end of file>"
      }`,
  );
}
