/**
 * The file channel: one HTML file per message in the output folder, in upstream's file-channel
 * layout, never overwriting; plus `index.html`, the review page of the whole folder.
 */
import { join, resolve } from "node:path";
import {
  type Channel,
  type DeliveryResult,
  NO_HOOKS,
  type OutgoingMessage,
} from "./channel.ts";
import { type IndexEntry, MANIFEST, writeReviewIndex } from "./review_index.ts";

/**
 * Writes `-->` (and `--!>`, which browsers also accept as a comment's end) inside a comment
 * value as `--&gt;` / `--!&gt;`, so the comment cannot be closed early.
 */
export function commentValue(value: string): string {
  return value.replace(/--(!?)>/g, "--$1&gt;");
}

/** The file content: the HTML document followed by the four trailing comments. */
export function fileContent(message: OutgoingMessage): string {
  const r = message.rendered;
  return [
    "",
    "<!DOCTYPE html>",
    "<html>",
    "    <head>",
    `        ${r.head_html}`,
    "    </head>",
    "    <body>",
    `        ${r.body_html}`,
    "    </body>",
    `    <!-- to: ${commentValue(message.recipient)} -->`,
    `    <!-- from_name: ${commentValue(r.from_name)} -->`,
    `    <!-- subject: ${commentValue(r.subject)} -->`,
    `    <!-- body: ${commentValue(r.body)} -->`,
    "</html>",
    "",
  ].join("\n");
}

/**
 * The file name: the learner's id, a dot, then the date, message name and uuid — ids only, so
 * it always stays inside the output folder and never collides.
 */
export function fileName(message: OutgoingMessage): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, "_");
  return `${message.userId}.${safe(message.date)}.${safe(message.name)}.${
    safe(message.uuid)
  }.html`;
}

/** Creates a file channel writing into `outDir`. */
export function createFileChannel(outDir: string): Channel {
  const dir = resolve(outDir);
  let ready = false;
  let wrote = false;
  // Manifest lines of delivered files, appended in one write when the send loop commits.
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const lines = pending.join("");
    pending = [];
    await Deno.writeTextFile(join(dir, MANIFEST), lines, { append: true });
  };
  return {
    name: "file",
    hooks: NO_HOOKS,
    resendSafe: true,
    deliver(message: OutgoingMessage): Promise<DeliveryResult> {
      if (!ready) {
        Deno.mkdirSync(dir, { recursive: true });
        ready = true;
      }
      const path = join(dir, fileName(message));
      const temp = join(dir, `.${message.uuid}.tmp`);
      // Write under a temporary name, then hard-link: the final name appears complete or not at
      // all, and linking fails instead of overwriting an existing file. Synchronous calls: a
      // small file costs less than a trip through the async file-system thread pool.
      Deno.writeTextFileSync(temp, fileContent(message));
      try {
        Deno.linkSync(temp, path);
      } catch (error) {
        // The same uuid means the same message: a killed run had already written it.
        if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      } finally {
        Deno.removeSync(temp);
      }
      const entry: IndexEntry = {
        file: fileName(message),
        date: message.date,
        name: message.name,
        userId: message.userId,
        recipient: message.recipient,
        subject: message.rendered.subject,
        fromName: message.rendered.from_name,
        site: message.siteDomain,
        text: message.rendered.body,
      };
      pending.push(JSON.stringify(entry) + "\n");
      wrote = true;
      return Promise.resolve({ status: "sent", file: path });
    },
    flush,
    async close(): Promise<void> {
      await flush();
      if (wrote) await writeReviewIndex(dir);
    },
  };
}
