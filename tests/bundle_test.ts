/**
 * The single-file build: `deno bundle` (the `bundle` task's command) writes one JavaScript file
 * that runs the demo from a folder far from the source tree, so templates, migrations and
 * fixtures all travel inside it. The first bundle fetches esbuild from the npm registry.
 */
import { equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The arguments of the `bundle` task after `deno`, with the output file replaced. */
function bundleArgs(out: string): string[] {
  const config = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json")));
  const words: string[] = config.tasks.bundle.command.split(/\s+/);
  const o = words.indexOf("-o");
  ok(words[0] === "deno" && o > 0, "the bundle task runs deno bundle -o …");
  return [...words.slice(1, o + 1), out, ...words.slice(o + 2)];
}

/** Runs `deno` (by name, as the test task's --allow-run=deno allows). */
async function run(args: string[], cwd: string) {
  const { code, stdout, stderr } = await new Deno.Command("deno", {
    args,
    cwd,
    // Under `deno task`, INIT_CWD names the task's caller; the tool would write there.
    env: { NO_COLOR: "1", INIT_CWD: cwd },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

Deno.test("deno bundle builds one file that runs the demo from any folder", async () => {
  const build = await Deno.makeTempDir({ prefix: "schedules-bundle-" });
  const elsewhere = await Deno.makeTempDir({ prefix: "schedules-bundle-run-" });
  try {
    const out = join(build, "schedules.js");
    const bundled = await run(bundleArgs(out), ROOT);
    equal(bundled.code, 0, `deno bundle failed:\n${bundled.stderr}`);
    const size = (await Deno.stat(out)).size;
    ok(size > 50_000, `the bundle is only ${size} bytes`);
    const demo = await run(["run", "-A", out, "demo"], elsewhere);
    equal(demo.code, 0, `the bundled demo failed:\n${demo.stderr}`);
    const index = await Deno.readTextFile(
      join(elsewhere, "ace_messages", "index.html"),
    );
    ok(index.includes("<h1>"), "index.html is the review page");
    ok(demo.stdout.includes("Loaded the demo data"), demo.stdout);
    const version = await run(["run", "-A", out, "--version"], elsewhere);
    equal(version.code, 0, version.stderr);
    ok(version.stdout.startsWith("schedules "), version.stdout);
  } finally {
    await Deno.remove(build, { recursive: true });
    await Deno.remove(elsewhere, { recursive: true });
  }
});
