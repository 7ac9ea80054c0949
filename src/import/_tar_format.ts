/**
 * The tar format details the scanner in `_tar.ts` needs: header fields (octal and base-256
 * numbers, checksums, ustar and pax names), path normalisation, and a byte queue that lets a
 * header straddle two decompressed chunks.
 */

/** Size of a tar block (headers and the unit data is padded to). */
export const BLOCK = 512;

/**
 * Resolves `.` and inner `..` segments; null when the path climbs above the archive root.
 * Backslashes count as separators so that `..\x` cannot slip through.
 */
export function normalisePath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split(/[\\/]/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/** Whether a header's checksum (unsigned or, as old tars wrote it, signed) matches. */
export function checksumOk(header: Uint8Array): boolean {
  const stored = readOctal(header.subarray(148, 156));
  if (stored === null) return false;
  let unsigned = 0, signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : header[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** An octal header field (NUL/space padded); null when it holds anything else. */
export function readOctal(field: Uint8Array): number | null {
  const text = String.fromCharCode(...field).replace(/[\0 ]+$/, "").trim();
  if (!/^[0-7]+$/.test(text)) return text === "" ? 0 : null;
  return parseInt(text, 8);
}

/** The size field: octal, or GNU base-256 for huge values (high bit of the first byte set). */
export function readSize(field: Uint8Array): number | null {
  if ((field[0]! & 0x80) === 0) return readOctal(field);
  let value = field[0]! & 0x7f;
  for (const b of field.subarray(1)) value = value * 256 + b;
  return value;
}

/** The entry name of a header: the ustar `prefix` joined to `name` (POSIX ustar only). */
export function ustarName(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const posix = cString(header.subarray(257, 263)) === "ustar" &&
    header[262] === 0;
  const prefix = posix ? cString(header.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}

/** A NUL-terminated UTF-8 field. */
export function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
}

/** pax records: `<length> <key>=<value>\n`, the length counting the whole record in bytes. */
export function parsePax(data: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {};
  const decoder = new TextDecoder();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space === -1
      ? NaN
      : Number(decoder.decode(data.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = decoder.decode(data.subarray(space + 1, at + length));
    const eq = record.indexOf("=");
    if (eq > 0) {
      records[record.slice(0, eq)] = record.slice(eq + 1).replace(/\n$/, "");
    }
    at += length;
  }
  return records;
}

/** A FIFO of byte chunks with exact-length reads, so headers may straddle chunks. */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #head = 0;
  /** Bytes queued. */
  available = 0;

  /** Appends a chunk. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.available += chunk.length;
  }

  /** Copies out exactly `n` bytes (the caller checked `available`). */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0]!;
      const part = Math.min(n - filled, chunk.length - this.#head);
      out.set(chunk.subarray(this.#head, this.#head + part), filled);
      filled += part;
      this.#drop(part, chunk);
    }
    return out;
  }

  /** Drops up to `n` bytes; returns how many were dropped. */
  skip(n: number): number {
    let skipped = 0;
    while (skipped < n && this.#chunks.length > 0) {
      const chunk = this.#chunks[0]!;
      const part = Math.min(n - skipped, chunk.length - this.#head);
      skipped += part;
      this.#drop(part, chunk);
    }
    return skipped;
  }

  #drop(part: number, chunk: Uint8Array): void {
    this.available -= part;
    this.#head += part;
    if (this.#head === chunk.length) {
      this.#chunks.shift();
      this.#head = 0;
    }
  }
}
