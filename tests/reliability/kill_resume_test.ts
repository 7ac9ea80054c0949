/**
 * Crash safety end to end: a send through the Sailthru stand-in is killed with SIGKILL at several
 * points, then run again. No message may reach Sailthru twice, and every message ends up sent
 * or — when the kill hit a request in flight — unknown, never silently lost.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { runCli, spawnCli } from "../_support/cli.ts";
import { demoDb } from "../_support/demo_db.ts";
import {
  type SailthruScript,
  startFakeSailthru,
} from "../_support/fake_sailthru.ts";

const DATE = "2026-03-16";
const TOTAL = 64; // messages the demo data sends on the demo date

function sailthruEnv(url: string, key: string, secret: string) {
  return {
    SAILTHRU_API_KEY: key,
    SAILTHRU_API_SECRET: secret,
    SAILTHRU_API_URL: url,
  };
}

function uuidOf(vars: Record<string, unknown>): string {
  const html = String(vars.ace_template_body_html ?? "");
  const match =
    /id="ace-message-id"[^>]*>schedules\.[^.]+\.[0-9a-f-]+\.([0-9a-f-]+)</.exec(
      html,
    );
  if (!match) throw new Error("no message id in the email");
  return match[1]!;
}

async function ledger(
  db: string,
  cwd: string,
): Promise<{ status: string; uuid: string; reason: string | null }[]> {
  const result = await runCli([
    "export",
    "messages",
    "--format",
    "json",
    "--db",
    db,
  ], { cwd });
  equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

async function killedRun(afterRequests: number, record: boolean) {
  const dir = await Deno.makeTempDir({ prefix: "schedules-kill-" });
  const db = await demoDb(dir);
  const fake = await startFakeSailthru();
  try {
    const script: SailthruScript[] = [
      ...Array.from(
        { length: afterRequests },
        (): SailthruScript => ({ kind: "pass" }),
      ),
      { kind: "hang", record },
    ];
    fake.script(...script);
    const child = spawnCli(
      [
        "send",
        "all",
        "--date",
        DATE,
        "--db",
        db,
        "--channel",
        "sailthru",
        "--concurrency",
        "1",
        "--quiet",
      ],
      {
        cwd: dir,
        env: sailthruEnv(fake.url, fake.apiKey, fake.apiSecret),
        output: "null",
      },
    );
    // Wait (bounded) until the scripted request hangs, then kill the process outright.
    for (
      let i = 0;
      i < 200 && fake.requests.length <= afterRequests;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGKILL");
    const status = await child.status;
    equal(status.signal, "SIGKILL");
    const before = fake.sends.length;
    equal(
      before,
      afterRequests + (record ? 1 : 0),
      "sends recorded before the kill",
    );
    const rerun = await runCli([
      "send",
      "all",
      "--date",
      DATE,
      "--db",
      db,
      "--channel",
      "sailthru",
      "--json",
    ], {
      cwd: dir,
      env: sailthruEnv(fake.url, fake.apiKey, fake.apiSecret),
    });
    const rows = await ledger(db, dir);
    return { rerun, rows, sends: fake.sends.map((s) => uuidOf(s.vars)) };
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
}

for (
  const [after, record] of [[0, false], [5, true], [30, false], [
    63,
    true,
  ]] as const
) {
  Deno.test(`a send killed at request ${after + 1} (${record ? "after" : "before"} Sailthru recorded it) resumes without duplicates`, async () => {
    const { rerun, rows, sends } = await killedRun(after, record);
    equal(rerun.code, 1, "the interrupted message is reported unknown");
    const summary = JSON.parse(rerun.stdout);
    const counted = Object.values(
      summary.messages as Record<
        string,
        { sent: number; unknown: number; already_sent: number }
      >,
    )
      .reduce((a, c) => a + c.sent + c.unknown + c.already_sent, 0);
    equal(counted, TOTAL);
    equal(
      new Set(sends).size,
      sends.length,
      "no message reached Sailthru twice",
    );
    const delivered = rows.filter((r) =>
      r.status === "sent" || r.status === "unknown"
    );
    equal(delivered.length, TOTAL);
    deepEqual(rows.filter((r) => r.status === "unknown").map((r) => r.reason), [
      "interrupted",
    ]);
    for (const row of rows.filter((r) => r.status === "sent")) {
      ok(sends.includes(row.uuid), `sent ${row.uuid} reached Sailthru`);
    }
    equal(sends.length, TOTAL - (record ? 0 : 1));
  });
}

Deno.test("SIGTERM finishes the message in flight, records it, exits 1 with a clear line; the next run sends the rest", async () => {
  const dir = await Deno.makeTempDir({ prefix: "schedules-term-" });
  const db = await demoDb(dir);
  const fake = await startFakeSailthru();
  try {
    // The fourth request is rate limited for about two seconds: a window to send SIGTERM.
    fake.script({ kind: "pass" }, { kind: "pass" }, { kind: "pass" }, {
      kind: "rate-limit",
      resetInSeconds: 2,
    });
    const child = spawnCli(
      [
        "send",
        "all",
        "--date",
        DATE,
        "--db",
        db,
        "--channel",
        "sailthru",
        "--concurrency",
        "1",
      ],
      { cwd: dir, env: sailthruEnv(fake.url, fake.apiKey, fake.apiSecret) },
    );
    for (let i = 0; i < 200 && fake.requests.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill("SIGTERM");
    const output = await child.output();
    equal(output.code, 1);
    ok(
      new TextDecoder().decode(output.stderr).includes(
        "Interrupted: the message in flight was finished and recorded",
      ),
    );
    equal(
      fake.sends.length,
      4,
      "the rate-limited message was retried and delivered before stopping",
    );
    const rows = await ledger(db, dir);
    equal(rows.filter((r) => r.status === "sent").length, 4);
    const rerun = await runCli([
      "send",
      "all",
      "--date",
      DATE,
      "--db",
      db,
      "--channel",
      "sailthru",
    ], {
      cwd: dir,
      env: sailthruEnv(fake.url, fake.apiKey, fake.apiSecret),
    });
    equal(rerun.code, 0, rerun.stderr);
    const sends = fake.sends.map((s) => uuidOf(s.vars));
    equal(sends.length, TOTAL);
    equal(new Set(sends).size, TOTAL);
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});
