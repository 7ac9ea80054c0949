import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import type { OutgoingMessage } from "../../src/channels/channel.ts";
import { readManifest } from "../../src/channels/review_index.ts";
import {
  commentValue,
  createFileChannel,
  fileContent,
  fileName,
} from "../../src/channels/file_channel.ts";

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    uuid: "6f1c2a4e-0000-4000-8000-000000000001",
    sendUuid: "6f1c2a4e-0000-4000-8000-0000000000ff",
    name: "recurringnudge_day3",
    siteDomain: "courses.example.com",
    userId: 42,
    recipient: "ana@example.com",
    fromAddress: "news@example.com",
    date: "2026-03-16",
    rendered: {
      from_name: "Example --> Academy",
      subject: "Keep learning",
      head_html: "<title>Example Academy Email</title>",
      body_html: "<p>Hello</p>",
      body: "Hello -->\nagain",
    },
    unsubscribeUrl: null,
    ...overrides,
  };
}

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix: "file-channel-" });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

Deno.test("fileContent() is upstream's layout with the four trailing comments", () => {
  equal(
    fileContent(message()),
    [
      "",
      "<!DOCTYPE html>",
      "<html>",
      "    <head>",
      "        <title>Example Academy Email</title>",
      "    </head>",
      "    <body>",
      "        <p>Hello</p>",
      "    </body>",
      "    <!-- to: ana@example.com -->",
      "    <!-- from_name: Example --&gt; Academy -->",
      "    <!-- subject: Keep learning -->",
      "    <!-- body: Hello --&gt;\nagain -->",
      "</html>",
      "",
    ].join("\n"),
  );
  equal(commentValue("a-->b-->"), "a--&gt;b--&gt;");
});

Deno.test("fileName() starts with the user id and a dot and is built from ids only", () => {
  const name = fileName(
    message({ name: "../../etc/passwd", date: "2026-03-16" }),
  );
  match(name, /^42\.2026-03-16\./);
  ok(!name.includes("/"));
  match(name, /\.html$/);
});

Deno.test("deliver() writes one file per message, never overwrites, and indexes the folder", async () => {
  await using dir = await tempDir();
  const channel = createFileChannel(join(dir.path, "out"));
  const first = await channel.deliver(message());
  const second = await channel.deliver(
    message({
      uuid: "6f1c2a4e-0000-4000-8000-000000000002",
      rendered: { ...message().rendered, subject: "Second <b>" },
    }),
  );
  equal(first.status, "sent");
  equal(second.status, "sent");
  ok(first.status === "sent" && first.file?.startsWith(join(dir.path, "out")));
  await channel.close();
  const files = [...Deno.readDirSync(join(dir.path, "out"))].map((e) => e.name)
    .filter((n) => !n.startsWith("."));
  equal(files.length, 3);
  const index = await Deno.readTextFile(join(dir.path, "out", "index.html"));
  ok(
    index.indexOf("Second &lt;b&gt;") < index.indexOf("Keep learning"),
    "newest first, escaped",
  );
});

Deno.test("deliver() of the same uuid again (a resumed run) keeps the first file and one index line", async () => {
  await using dir = await tempDir();
  const channel = createFileChannel(dir.path);
  await channel.deliver(message());
  const again = await channel.deliver(
    message({
      rendered: { ...message().rendered, body_html: "<p>changed</p>" },
    }),
  );
  equal(again.status, "sent");
  await channel.close();
  const content = await Deno.readTextFile(join(dir.path, fileName(message())));
  ok(content.includes("<p>Hello</p>"));
  deepEqual((await readManifest(dir.path)).map((e) => e.file), [
    fileName(message()),
  ]);
  ok(
    ![...Deno.readDirSync(dir.path)].some((e) => e.name.endsWith(".tmp")),
    "no temporary file left",
  );
});
