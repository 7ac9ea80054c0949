/**
 * Secret grep end to end (issue 6, contract.md "Secrets never go in the database…"): real sends
 * through the Sailthru, Segment and SMTP stand-ins with `--verbose`, with delivery failures and
 * runs with a wrong secret, then a search for every secret — as written, URL-encoded and in
 * the base64 forms HTTP Basic and SMTP AUTH use — in stdout, stderr, every file under the run's
 * folder (the database and its WAL read as bytes) and the ledger export.
 */
import { equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { type CliResult, runCli } from "../_support/cli.ts";
import { demoDb } from "../_support/demo_db.ts";
import { startFakeSailthru } from "../_support/fake_sailthru.ts";
import { startFakeSegment } from "../_support/fake_segment.ts";
import { startSmtpServer } from "../_support/smtp_server.ts";
import { tempDir } from "./_support.ts";

const DATE = "2026-03-16";
const API_KEY = "sailthru-key-4f8a2c71";
const API_SECRET = "sailthru-secret-9d1e7b55";
const WRONG_SECRET = "sailthru-wrong-secret-2b6d";
const WRITE_KEY = "segment-write-key-3c5a1f";
const SMTP_USER = "mailer-7e1";
const SMTP_PASS = "p@ss w0rd/smtp:91f3";
const WRONG_PASS = "wrong p@ss:5c2e";

/** The forms a secret could leak in: as is, URL-encoded, base64 (HTTP Basic, SMTP AUTH). */
function leakForms(secret: string, user?: string): string[] {
  const b64 = (text: string) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  const forms = [
    secret,
    encodeURIComponent(secret),
    b64(secret),
    b64(`${secret}:`),
  ];
  if (user !== undefined) forms.push(b64(`\0${user}\0${secret}`));
  return forms;
}

/** Everything the runs left behind: their output and every file under `dir`, as text. */
async function haystacks(
  dir: string,
  results: CliResult[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  results.forEach((r, i) => {
    found.set(`run ${i + 1} stdout`, r.stdout);
    found.set(`run ${i + 1} stderr`, r.stderr);
  });
  const walk = async (path: string): Promise<void> => {
    for await (const entry of Deno.readDir(path)) {
      const full = join(path, entry.name);
      if (entry.isDirectory) await walk(full);
      // latin1 keeps every byte, so a secret stored in any text encoding still matches.
      else {found.set(
          full,
          new TextDecoder("latin1").decode(await Deno.readFile(full)),
        );}
    }
  };
  await walk(dir);
  return found;
}

function assertNoLeak(found: Map<string, string>, forms: string[]): void {
  for (const [where, text] of found) {
    for (const form of forms) {
      ok(!text.includes(form), `${JSON.stringify(form)} found in ${where}`);
    }
  }
}

/** `export messages --format json` and `export config` of the run's database. */
async function exports(db: string, cwd: string): Promise<CliResult[]> {
  const messages = await runCli(
    ["export", "messages", "--format", "json", "--db", db],
    { cwd },
  );
  equal(messages.code, 0, messages.stderr);
  const config = await runCli(["export", "config", "--db", db], { cwd });
  equal(config.code, 0, config.stderr);
  return [messages, config];
}

Deno.test("no Sailthru or Segment secret reaches any output, file, database or export, failures and a wrong secret included", async () => {
  await using dir = await tempDir("schedules-secrets-");
  const db = await demoDb(dir.path);
  const sailthru = await startFakeSailthru({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
  });
  const segment = await startFakeSegment({ writeKey: WRITE_KEY });
  try {
    const env = (secret: string) => ({
      SAILTHRU_API_KEY: API_KEY,
      SAILTHRU_API_SECRET: secret,
      SAILTHRU_API_URL: sailthru.url,
      SEGMENT_WRITE_KEY: WRITE_KEY,
      SEGMENT_API_URL: segment.url,
    });
    const send = (secret: string, ...more: string[]) =>
      runCli(
        [
          "send",
          "all",
          "--date",
          DATE,
          "--db",
          db,
          "--channel",
          "sailthru",
          "--verbose",
          ...more,
        ],
        { cwd: dir.path, env: env(secret) },
      );
    // An invalid address (error 11), a bare 502 page, and a Segment outage on the way.
    sailthru.script(
      { kind: "pass" },
      { kind: "error", code: 11 },
      { kind: "html", status: 502 },
    );
    segment.script({ kind: "status", status: 503 });
    const first = await send(API_SECRET);
    equal(first.code, 1, `some messages failed: ${first.stderr}`);
    ok(sailthru.sends.length > 50, `${sailthru.sends.length} sends`);
    ok(segment.events.length > 0, "Segment events went out");
    // Again with a wrong secret (forced, so there is mail): Sailthru answers error 5.
    const before = sailthru.sends.length;
    const wrong = await send(WRONG_SECRET, "--force");
    ok(wrong.code !== 0, "a wrong secret is not a success");
    ok(sailthru.requests.some((r) => r.error === 5), "error 5 was answered");
    equal(
      sailthru.sends.length,
      before,
      "nothing accepted with a wrong secret",
    );
    const results = [first, wrong, ...await exports(db, dir.path)];
    assertNoLeak(await haystacks(dir.path, results), [
      ...leakForms(API_KEY),
      ...leakForms(API_SECRET),
      ...leakForms(WRONG_SECRET),
      ...leakForms(WRITE_KEY),
    ]);
  } finally {
    await sailthru.close();
    await segment.close();
  }
});

Deno.test("no SMTP password reaches any output, file, database or export, rejections and a wrong password included", async () => {
  await using dir = await tempDir("schedules-secrets-");
  const db = await demoDb(dir.path);
  const server = await startSmtpServer({
    auth: { user: SMTP_USER, pass: SMTP_PASS },
  });
  try {
    const send = (pass: string, ...more: string[]) =>
      runCli(
        [
          "send",
          "all",
          "--date",
          DATE,
          "--db",
          db,
          "--channel",
          "smtp",
          "--verbose",
          ...more,
        ],
        {
          cwd: dir.path,
          env: { SMTP_URL: server.url({ user: SMTP_USER, pass }) },
        },
      );
    server.script(
      { kind: "accept" },
      { kind: "reject", at: "rcpt", code: 550, text: "No such user" },
      { kind: "reject", at: "data", code: 554, text: "Rejected" },
    );
    const first = await send(SMTP_PASS);
    equal(first.code, 1, `some messages failed: ${first.stderr}`);
    const accepted = server.messages.filter((m) => m.outcome === "accepted");
    ok(accepted.length > 50, `${accepted.length} messages accepted`);
    ok(accepted.every((m) => m.user === SMTP_USER), "sent authenticated");
    const wrong = await send(WRONG_PASS, "--force");
    ok(wrong.code !== 0, "a wrong password is not a success");
    equal(
      server.messages.filter((m) => m.outcome === "accepted").length,
      accepted.length,
      "nothing accepted with a wrong password",
    );
    const results = [first, wrong, ...await exports(db, dir.path)];
    assertNoLeak(await haystacks(dir.path, results), [
      ...leakForms(SMTP_PASS, SMTP_USER),
      ...leakForms(WRONG_PASS, SMTP_USER),
    ]);
  } finally {
    await server.close();
  }
});
