/**
 * `deno task demo:smtp`: the demo through the SMTP channel, end to end on this machine. Starts a
 * local SMTP sink on 127.0.0.1, runs `schedules demo --channel smtp` against it with the
 * production permissions, prints what the sink received, and stops the sink.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseMime, startSmtpServer } from "../tests/_support/smtp_server.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
const words: string[] = config.tasks.schedules.command.split(/\s+/);
const flags = words.slice(words.indexOf("run") + 1, words.indexOf("main.ts"));
const cwd = Deno.env.get("INIT_CWD") ?? Deno.cwd();

const sink = await startSmtpServer({
  onMessage: (message) => {
    const headers = parseMime(message.raw).headers;
    console.log(`  received: ${headers.get("to")} | ${headers.get("subject")}`);
  },
});
try {
  console.log(`Local SMTP sink on ${sink.url()}`);
  const { code } = await new Deno.Command("deno", {
    args: ["run", ...flags, join(root, "main.ts"), "demo", "--channel", "smtp"],
    cwd,
    env: { SMTP_URL: sink.url(), INIT_CWD: cwd },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  console.log(`The sink received ${sink.messages.length} messages.`);
  Deno.exitCode = code;
} finally {
  await sink.close();
}
