/**
 * Decoding input files as UTF-8 text for the importers. A bad file is refused with the line and
 * byte where the problem is: invalid UTF-8, and NUL bytes (a text file never holds one; they
 * mean a binary file, and would otherwise be stored inside names and emails).
 */
import { DataError } from "../errors.ts";

/** Where the reader is: bytes read and line breaks in the text already yielded. */
interface Position {
  /** Bytes of the chunks decoded so far. */
  consumed: number;
  /** Line breaks so far (LF, CRLF and a lone CR each end one line, as the CSV reader counts). */
  breaks: number;
  /** The last character yielded was a CR (a following LF is the same line end). */
  afterCR: boolean;
}

/**
 * Decodes a byte stream as UTF-8 (a leading BOM dropped). Invalid bytes and NUL bytes are a
 * DataError naming the file, line and byte.
 */
export async function* decodeUtf8(
  stream: ReadableStream<Uint8Array>,
  name: string,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const at: Position = { consumed: 0, breaks: 0, afterCR: false };
  let tail: Uint8Array = new Uint8Array(0);
  for await (const chunk of stream) {
    const text = decodeChunk(decoder, chunk, tail, at, name);
    refuseNul(chunk, text, at, name);
    advance(at, text, chunk.length);
    tail = incompleteTail(tail, chunk);
    if (text !== "") yield text;
  }
  const rest = decodeChunk(decoder, null, tail, at, name);
  if (rest !== "") yield rest;
}

/** Decodes one chunk (null: the end of input); on invalid bytes, throws where they start. */
function decodeChunk(
  decoder: TextDecoder,
  chunk: Uint8Array | null,
  tail: Uint8Array,
  at: Position,
  name: string,
): string {
  try {
    return chunk === null
      ? decoder.decode()
      : decoder.decode(chunk, { stream: true });
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // The decoder held back `tail` (an incomplete sequence) from the previous chunk.
    const bytes = chunk === null ? tail : concat(tail, chunk);
    // The bad sequence starts at its lead byte, which a valid prefix may end with.
    const prefix = bytes.subarray(0, chunk === null ? 0 : validPrefix(bytes));
    const valid = prefix.length -
      incompleteTail(new Uint8Array(0), prefix).length;
    const before = new TextDecoder().decode(bytes.subarray(0, valid));
    const line = at.breaks + lineBreaks(before, at.afterCR) + 1;
    const byte = at.consumed - tail.length + valid + 1;
    throw new DataError(
      `Cannot read "${name}": it is not valid UTF-8 (line ${line}, byte ${byte})`,
    );
  }
}

/** A NUL byte only ever encodes the NUL character, so its byte offset is exact. */
function refuseNul(
  chunk: Uint8Array,
  text: string,
  at: Position,
  name: string,
): void {
  const index = chunk.indexOf(0);
  if (index < 0) return;
  const before = text.slice(0, text.indexOf("\0"));
  const line = at.breaks + lineBreaks(before, at.afterCR) + 1;
  throw new DataError(
    `Cannot read "${name}": it holds a NUL byte, so it is not a text file (line ${line}, byte ${
      at.consumed + index + 1
    })`,
  );
}

function advance(at: Position, text: string, bytes: number): void {
  at.consumed += bytes;
  if (text === "") return;
  at.breaks += lineBreaks(text, at.afterCR);
  at.afterCR = text.endsWith("\r");
}

/** Line breaks in `text`: LF, CRLF and a lone CR count one each. */
function lineBreaks(text: string, afterCR: boolean): number {
  const lf = count(text, "\n");
  const cr = count(text, "\r");
  if (cr === 0) return afterCR && text.startsWith("\n") ? lf - 1 : lf;
  const crlf = count(text, "\r\n") + (afterCR && text.startsWith("\n") ? 1 : 0);
  return lf + cr - crlf;
}

function count(text: string, piece: string): number {
  let n = 0;
  for (let i = text.indexOf(piece); i >= 0; i = text.indexOf(piece, i + 1)) {
    n++;
  }
  return n;
}

/** The length of the longest prefix of `bytes` that is valid UTF-8 (or a valid start of it). */
function validPrefix(bytes: Uint8Array): number {
  let low = 0, high = bytes.length; // prefix `low` is valid, prefix `high` is not
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(
        bytes.subarray(0, mid),
        { stream: true },
      );
      low = mid;
    } catch {
      high = mid;
    }
  }
  return low;
}

/**
 * The bytes a streaming decoder holds back after `chunk` (decoded without error): an incomplete
 * multi-byte sequence at its end, which may have started in the previous tail.
 */
function incompleteTail(previous: Uint8Array, chunk: Uint8Array): Uint8Array {
  const bytes = chunk.length >= 3 ? chunk : concat(previous, chunk);
  for (let i = 1; i <= Math.min(3, bytes.length); i++) {
    const b = bytes[bytes.length - i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > i ? bytes.slice(bytes.length - i) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
