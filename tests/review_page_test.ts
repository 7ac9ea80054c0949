/**
 * The review page in a real browser: the file channel writes every message type (rendered from
 * the built-in preview sample), headless Chromium loads `index.html`, runs its script and takes
 * a screenshot. Skips itself, saying so, when no `chromium` binary is found (Debian package
 * `chromium`). The page and screenshot stay in `<tmp>/schedules-review-page/` for people to look at.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { OutgoingMessage } from "../src/channels/channel.ts";
import { createFileChannel } from "../src/channels/file_channel.ts";
import {
  findForSample,
  PREVIEW_NAMES,
  previewInput,
  sampleCatalog,
  sampleConfig,
  sampleOrg,
} from "../src/preview/mod.ts";
import { renderEmail } from "../src/render/render.ts";

const OUT = join(tmpdir(), "schedules-review-page");
const SCREENSHOT = join(OUT, "review_page.png");
const DATES = ["2026-03-16", "2026-03-17"];
const LEARNERS = [11, 12];

/** Whether `chromium` runs here (not installed, or not allowed to run: no). */
async function chromiumAvailable(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("chromium", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch (error) {
    if (
      error instanceof Deno.errors.NotFound ||
      error instanceof Deno.errors.NotCapable
    ) return false;
    throw error;
  }
}

const AVAILABLE = await chromiumAvailable();
/** Shown in every test name, since `deno test --quiet` (the test task) hides console output. */
const SKIPPED = AVAILABLE
  ? ""
  : " [skipped: no chromium on PATH, or not allowed to run it; apt-get install -y chromium]";

/** Writes every message type for two learners on two dates through the real file channel. */
async function writeMessages(dir: string): Promise<OutgoingMessage[]> {
  const channel = createFileChannel(dir);
  const sent: OutgoingMessage[] = [];
  for (const date of DATES.map((d) => Temporal.PlainDate.from(d))) {
    const config = sampleConfig();
    const site = config.sites[0]!;
    const catalog = sampleCatalog(sampleOrg(site), date);
    for (const name of PREVIEW_NAMES) {
      const search = findForSample({ config, catalog }, site, name, date);
      if (!search.ok) throw new Error(search.reasons.join("; "));
      const rendered = renderEmail(previewInput(config, search.found));
      for (const userId of LEARNERS) {
        const message: OutgoingMessage = {
          uuid: crypto.randomUUID(),
          sendUuid: "",
          name,
          siteDomain: site.domain,
          userId,
          recipient: `learner${userId}@example.com`,
          fromAddress: "learning@example.com",
          date: date.toString(),
          rendered,
          unsubscribeUrl: null,
        };
        equal((await channel.deliver(message)).status, "sent");
        sent.push(message);
      }
    }
  }
  await channel.close();
  return sent;
}

let folder: Promise<OutgoingMessage[]> | null = null;

/** The output folder, written once for every test of this file (the screenshot stays). */
function prepared(): Promise<OutgoingMessage[]> {
  folder ??= Deno.remove(OUT, { recursive: true })
    .catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    })
    .then(() => writeMessages(OUT));
  return folder;
}

/** Runs headless Chromium on a page with extra arguments; returns stdout. */
async function chromium(url: string, args: string[]): Promise<string> {
  const profile = await Deno.makeTempDir({ prefix: "schedules-chromium-" });
  try {
    const { code, stdout, stderr } = await new Deno.Command("chromium", {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        `--user-data-dir=${profile}`,
        "--virtual-time-budget=5000",
        "--window-size=1280,900",
        ...args,
        url,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    equal(code, 0, new TextDecoder().decode(stderr));
    return new TextDecoder().decode(stdout);
  } finally {
    await Deno.remove(profile, { recursive: true });
  }
}

/** Width and height from a PNG's IHDR chunk (after checking the signature). */
function pngSize(bytes: Uint8Array): [number, number] {
  deepEqual([...bytes.slice(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  equal(new TextDecoder().decode(bytes.slice(12, 16)), "IHDR");
  return [view.getUint32(16), view.getUint32(20)];
}

Deno.test({
  name:
    `review page loads in headless Chromium; the screenshot (kept at ${SCREENSHOT}) shows content${SKIPPED}`,
  ignore: !AVAILABLE,
  async fn() {
    const sent = await prepared();
    equal(sent.length, DATES.length * PREVIEW_NAMES.length * LEARNERS.length);
    const url = pathToFileURL(join(OUT, "index.html")).href;
    await chromium(url, [`--screenshot=${SCREENSHOT}`]);
    const png = await Deno.readFile(SCREENSHOT);
    deepEqual(pngSize(png), [1280, 900]);
    // A blank 1280×900 page compresses to a few KB; text, tables and an email do not.
    ok(png.length > 30_000, `screenshot is only ${png.length} bytes`);
  },
});

Deno.test({
  name:
    `review page script selects the newest message and shows its subject, recipient and text${SKIPPED}`,
  ignore: !AVAILABLE,
  async fn() {
    const sent = await prepared();
    const dom = await chromium(pathToFileURL(join(OUT, "index.html")).href, [
      "--dump-dom",
    ]);
    const newest = sent.at(-1)!;
    const total = sent.length;
    match(dom, new RegExp(`<span id="shown"[^>]*>${total} of ${total} shown`));
    ok(dom.includes(`class="current"`), "a row is selected");
    const subject = /<h2 id="v-subject">([^<]*)</.exec(dom)?.[1];
    equal(subject, escapeText(newest.rendered.subject));
    ok(
      dom.includes(
        `<dd id="v-to">${newest.userId} &lt;${newest.recipient}&gt;</dd>`,
      ),
    );
    const text = /<pre id="v-text">([^<]*)</.exec(dom)?.[1] ?? "";
    ok(text.includes(escapeText(newest.rendered.body.split("\n")[0]!)));
    match(dom, /<iframe name="preview" id="v-frame"[^>]* src="[^"]+\.html"/);
  },
});

Deno.test({
  name:
    `review page filters by type, date and learner from the URL hash${SKIPPED}`,
  ignore: !AVAILABLE,
  async fn() {
    const sent = await prepared();
    const url = pathToFileURL(join(OUT, "index.html")).href +
      "#type=upgradereminder&date=2026-03-16&learner=12";
    const dom = await chromium(url, ["--dump-dom"]);
    const wanted = sent.filter((m) =>
      m.name === "upgradereminder" && m.date === "2026-03-16" &&
      m.userId === 12
    );
    equal(wanted.length, 1);
    match(dom, new RegExp(`>1 of ${sent.length} shown<`));
    const rows = [
      ...dom.matchAll(/<tr data-name="([^"]+)"[^>]*?( hidden="")?>/g),
    ];
    equal(rows.length, sent.length);
    const shown = rows.filter((m) => m[2] === undefined);
    deepEqual(shown.map((m) => m[1]), ["upgradereminder"]);
    match(dom, /<dd id="v-to">12 &lt;learner12@example.com&gt;<\/dd>/);
    match(dom, /<dd id="v-date">2026-03-16<\/dd>/);
  },
});

/** How the browser serialises text content. */
function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
}
