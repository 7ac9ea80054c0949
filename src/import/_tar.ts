/**
 * Reading a `.tar.gz` safely (contract.md "OLX"): gzip through the built-in
 * `DecompressionStream`, tar entries through the pinned `nanotar` package.
 *
 * nanotar parses a whole in-memory buffer and quietly "repairs" names (it drops a leading `/` and
 * resolves `..`), so it cannot tell us that an archive is hostile. The decompressed stream is
 * therefore first walked header by header here: every header is checked (checksum, type, path,
 * declared size against the byte budget, entry count) BEFORE its data is read, decompression stops
 * at the end-of-archive block or at the first broken rule, and only the small text entries the
 * reader asked for are kept. Those are handed to nanotar as a compact archive; the names come from
 * this scan, which also understands pax and GNU long names.
 */
import { parseTar } from "nanotar";
import { DataError } from "../errors.ts";
import {
  BLOCK,
  ByteQueue,
  checksumOk,
  cString,
  normalisePath,
  parsePax,
  readSize,
  ustarName,
} from "./_tar_format.ts";

/** Bounds of one archive. */
export interface TarLimits {
  /** Most bytes of entry data (sum of the sizes in the headers). */
  maxBytes: number;
  /** Most entries (files, folders and any other kind; pax and long-name headers excluded). */
  maxEntries: number;
}

/** Options of {@linkcode readTarGz}. */
export interface ReadTarOptions extends TarLimits {
  /** The name used in error messages (the path the user gave). */
  label: string;
  /** Which regular files to keep, by normalised path; the rest is checked and skipped. */
  keep: (path: string) => boolean;
}

/** Largest pax or GNU long-name record accepted (real ones are a few hundred bytes). */
const MAX_META = 1 << 20;
const META_TYPES = new Set(["x", "g", "L", "K", "N"]);
const FILE_TYPES = new Set(["0", "\0", "7"]);
const REFUSED_TYPES: Record<string, string> = {
  "1": "a hard link",
  "2": "a symbolic link",
  "3": "a character device",
  "4": "a block device",
  "6": "a FIFO",
};

/**
 * Gunzips and checks the archive on `source`; returns the kept files by normalised path
 * (`./course/a.xml` → `course/a.xml`). Throws `DataError` for anything that is not a sound,
 * bounded gzip-compressed tar archive.
 */
export async function readTarGz(
  source: ReadableStream<Uint8Array<ArrayBuffer>>,
  options: ReadTarOptions,
): Promise<Map<string, Uint8Array>> {
  const gzip = await checkGzipMagic(source, options.label);
  const reader = gzip.pipeThrough(new DecompressionStream("gzip")).getReader();
  const scanner = new TarScanner(options);
  try {
    while (!scanner.done) {
      const chunk = await readInflated(reader, options.label);
      if (chunk === null) break;
      scanner.push(chunk);
    }
    scanner.finish();
  } finally {
    // Stops decompressing (and closes the file) when the scan ended early.
    await reader.cancel().catch(() => {});
  }
  return extract(scanner.kept, options.label);
}

async function readInflated(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  label: string,
): Promise<Uint8Array | null> {
  try {
    const { done, value } = await reader.read();
    return done ? null : value;
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(
      `Cannot import "${label}": the gzip data is corrupt or truncated`,
    );
  }
}

/** Reads the first bytes, refuses anything that does not start like gzip, and replays them. */
async function checkGzipMagic(
  source: ReadableStream<Uint8Array<ArrayBuffer>>,
  label: string,
): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
  const reader = source.getReader();
  const head: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  while (size < 2) {
    const { done, value } = await reader.read();
    if (done) break;
    head.push(value);
    size += value.length;
  }
  const first = concat(head, size);
  if (first.length < 2 || first[0] !== 0x1f || first[1] !== 0x8b) {
    await reader.cancel().catch(() => {});
    throw new DataError(
      `Cannot import "${label}": not a gzip file (a Studio export is a .tar.gz file or its unpacked folder)`,
    );
  }
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      controller.enqueue(first);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** A kept regular file: its checked path, original header and block-padded data. */
interface KeptEntry {
  path: string;
  size: number;
  header: Uint8Array;
  padded: Uint8Array;
}

/** The header being read and what to do with its data. */
interface Current {
  header: Uint8Array;
  type: string;
  path: string;
  size: number;
  /** Data bytes still to consume, padding included. */
  remaining: number;
  role: "keep" | "skip" | "meta";
}

/** Walks tar headers in a stream of decompressed chunks, enforcing the rules of the module. */
class TarScanner {
  readonly kept: KeptEntry[] = [];
  done = false;
  readonly #options: ReadTarOptions;
  readonly #queue = new ByteQueue();
  #current: Current | null = null;
  #offset = 0;
  #entries = 0;
  #bytes = 0;
  #headers = 0;
  #pax: Record<string, string> = {};
  #longName: string | null = null;

  constructor(options: ReadTarOptions) {
    this.#options = options;
  }

  /** Consumes one decompressed chunk. */
  push(chunk: Uint8Array): void {
    this.#queue.push(chunk);
    while (!this.done) {
      if (this.#current === null) {
        if (this.#queue.available < BLOCK) return;
        this.#readHeader(this.#queue.take(BLOCK));
      } else if (!this.#consumeData(this.#current)) return;
    }
  }

  /** Checks the state at the end of the stream. */
  finish(): void {
    if (this.done) return;
    if (this.#headers === 0) {
      this.#fail("not a tar archive (it is empty)");
    }
    if (this.#current !== null || this.#queue.available > 0) {
      this.#fail("the tar archive is truncated");
    }
    // A missing end-of-archive block is tolerated, as GNU tar does.
  }

  #fail(detail: string): never {
    throw new DataError(`Cannot import "${this.#options.label}": ${detail}`);
  }

  #readHeader(header: Uint8Array): void {
    const at = this.#offset;
    this.#offset += BLOCK;
    if (header.every((b) => b === 0)) {
      this.done = true;
      return;
    }
    if (!checksumOk(header)) {
      this.#fail(
        this.#headers === 0
          ? "not a tar archive (the gzip data holds something else)"
          : `the tar archive is corrupt (bad header at byte ${at})`,
      );
    }
    this.#headers++;
    const type = String.fromCharCode(header[156]!);
    const size = this.#sizeOf(header, type, at);
    this.#bytes += size;
    if (this.#bytes > this.#options.maxBytes) {
      this.#fail(
        `it unpacks to more than ${formatBytes(this.#options.maxBytes)}`,
      );
    }
    const remaining = Math.ceil(size / BLOCK) * BLOCK;
    if (META_TYPES.has(type)) {
      if (size > MAX_META) {
        this.#fail(`the tar header at byte ${at} is too large`);
      }
      this.#current = { header, type, path: "", size, remaining, role: "meta" };
      return;
    }
    const path = this.#entryPath(header);
    this.#checkEntry(type, path);
    const keep = FILE_TYPES.has(type) && this.#options.keep(path);
    this.#current = {
      header,
      type,
      path,
      size,
      remaining,
      role: keep ? "keep" : "skip",
    };
  }

  /** The entry size: the pax `size` record when given, else the header field. */
  #sizeOf(header: Uint8Array, type: string, at: number): number {
    const paxSize = META_TYPES.has(type) ? undefined : this.#pax["size"];
    const size = paxSize !== undefined && /^\d+$/.test(paxSize)
      ? Number(paxSize)
      : readSize(header.subarray(124, 136));
    if (size === null) {
      this.#fail(`the tar archive is corrupt (bad size at byte ${at})`);
    }
    return size;
  }

  #entryPath(header: Uint8Array): string {
    const raw = this.#longName ?? this.#pax["path"] ?? ustarName(header);
    this.#longName = null;
    this.#pax = {};
    return raw;
  }

  #checkEntry(type: string, raw: string): void {
    this.#entries++;
    if (this.#entries > this.#options.maxEntries) {
      this.#fail(`it has more than ${this.#options.maxEntries} entries`);
    }
    const refused = REFUSED_TYPES[type];
    if (refused) {
      this.#fail(
        `entry "${raw}" is ${refused}, which a course export never holds`,
      );
    }
    if (/^(\/|\\|[A-Za-z]:)/.test(raw)) {
      this.#fail(`entry "${raw}" has an absolute path`);
    }
    if (normalisePath(raw) === null) {
      this.#fail(`entry "${raw}" leaves the archive folder ("..")`);
    }
  }

  /** Consumes the current entry's data if enough has arrived; false when it needs more. */
  #consumeData(current: Current): boolean {
    if (current.role === "skip") {
      const skipped = this.#queue.skip(current.remaining);
      current.remaining -= skipped;
      this.#offset += skipped;
      if (current.remaining > 0) return false;
    } else {
      if (this.#queue.available < current.remaining) return false;
      const padded = this.#queue.take(current.remaining);
      this.#offset += current.remaining;
      this.#useData(current, padded);
    }
    this.#current = null;
    return true;
  }

  #useData(current: Current, padded: Uint8Array): void {
    const data = padded.subarray(0, current.size);
    if (current.role === "keep") {
      const path = normalisePath(current.path)!;
      this.kept.push({
        path,
        size: current.size,
        header: current.header,
        padded,
      });
    } else if (current.type === "x") {
      this.#pax = parsePax(data);
    } else if (current.type === "L") {
      this.#longName = cString(data);
    }
    // "g" (global pax), "K" (long link target) and "N" carry nothing a reader needs here.
  }
}

/** Hands the kept entries to nanotar as one compact archive and pairs its output with our names. */
function extract(kept: KeptEntry[], label: string): Map<string, Uint8Array> {
  const total = kept.reduce((n, e) => n + BLOCK + e.padded.length, 2 * BLOCK);
  const buffer = new Uint8Array(total);
  let at = 0;
  for (const entry of kept) {
    buffer.set(entry.header, at);
    // nanotar stops at an empty name field; a pax or GNU long name can leave it empty, and the
    // real name is ours anyway.
    if (buffer[at] === 0) buffer[at] = 0x5f;
    at += BLOCK;
    buffer.set(entry.padded, at);
    at += entry.padded.length;
  }
  const items = parseTar(buffer.buffer);
  const files = new Map<string, Uint8Array>();
  kept.forEach((entry, i) => {
    const item = items[i];
    if (!item || item.size !== entry.size) {
      throw new DataError(
        `Cannot import "${label}": the tar entry "${entry.path}" cannot be read`,
      );
    }
    files.set(entry.path, item.data ?? new Uint8Array());
  });
  return files;
}

/** `N MB` for whole mebibytes, else `N bytes`. */
function formatBytes(n: number): string {
  const mb = 1024 * 1024;
  return n % mb === 0 ? `${n / mb} MB` : `${n} bytes`;
}

function concat(
  chunks: Uint8Array[],
  size: number,
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
