/**
 * A streaming CSV reader for input files (contract.md "Input files"): UTF-8 with or without BOM,
 * `,` `;` or tab detected from the header line, CRLF/LF/CR line ends (mixed too), RFC 4180
 * quoting for `,` and `;`, `mysql --batch` escapes for tab, and unquoted `NULL` / `\N` as an
 * empty cell. Text is decoded chunk by chunk, so a file of any size needs memory for one record.
 */
import { DataError } from "../errors.ts";
import { decodeUtf8 } from "./_utf8.ts";

/** One record: the physical line where it starts (the header is line 1) and its cells. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A field separator the reader recognises. */
export type Delimiter = "," | ";" | "\t";

/** Options of {@linkcode openCsv}. */
export interface CsvOptions {
  /** The file name used in error messages. */
  name: string;
  /** Longest record accepted, in characters (default 1 MiB); longer ones are an error. */
  maxRecordLength?: number;
}

/**
 * An opened CSV file: its header and a one-pass iterator over the records after it, in batches
 * (the records completed by each piece of text read: one await per batch, not per record).
 */
export interface CsvFile {
  header: string[];
  delimiter: Delimiter;
  batches: AsyncGenerator<CsvRow[], void, undefined>;
}

const DEFAULT_MAX_RECORD = 1 << 20;
const LF = 10, CR = 13, QUOTE = 34, BACKSLASH = 92;

const enum State {
  /** At the start of a cell. */
  Start,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: the end of the cell or the first of a doubled quote. */
  QuoteSeen,
  /** A backslash in a tab-separated cell. */
  Escape,
}

const ESCAPES: Record<string, string> = {
  "\\": "\\",
  t: "\t",
  n: "\n",
  "0": "\0",
  r: "\r",
  b: "\b",
  Z: "\x1a",
};

/**
 * Incremental record parser: `push` text in any pieces, `end` at the end of input; each returns
 * the records completed so far. Blank lines are skipped.
 */
export class CsvParser {
  readonly #delimiter: number;
  readonly #tab: boolean;
  readonly #name: string;
  readonly #max: number;
  #state = State.Start;
  #cells: string[] = [];
  #cell = "";
  #quoted = false;
  #escapes = 0;
  #nullEscape = false;
  #started = false;
  #length = 0;
  #line = 1;
  #recordLine = 1;
  #quoteLine = 1;
  #prevCR = false;
  #out: CsvRow[] = [];

  /** A parser for one file's text with the given delimiter. */
  constructor(delimiter: Delimiter, options: CsvOptions) {
    this.#delimiter = delimiter.charCodeAt(0);
    this.#tab = delimiter === "\t";
    this.#name = options.name;
    this.#max = options.maxRecordLength ?? DEFAULT_MAX_RECORD;
  }

  /** Parses the next piece of text; returns the records it completed. */
  push(text: string): CsvRow[] {
    let i = 0;
    while (i < text.length) i = this.#step(text, i);
    return this.#take();
  }

  /** Ends the input; returns the last record, if any. Throws on an unclosed quoted cell. */
  end(): CsvRow[] {
    if (this.#state === State.Quoted) {
      throw new DataError(
        `Cannot read "${this.#name}": the quoted field starting on line ${this.#quoteLine} is not closed`,
      );
    }
    if (this.#state === State.Escape) this.#append("\\");
    if (this.#started) this.#endRecord();
    return this.#take();
  }

  #take(): CsvRow[] {
    const rows = this.#out;
    this.#out = [];
    return rows;
  }

  /** Consumes at least one character at `i`; returns the next index. */
  #step(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (!this.#started) {
      this.#started = true;
      this.#recordLine = this.#line;
    }
    switch (this.#state) {
      case State.Start:
        if (c === QUOTE && !this.#tab) {
          this.#quoted = true;
          this.#quoteLine = this.#line;
          this.#state = State.Quoted;
          this.#newline(c);
          return i + 1;
        }
        this.#state = State.Unquoted;
        return this.#unquoted(text, i);
      case State.Unquoted:
        return this.#unquoted(text, i);
      case State.Quoted:
        return this.#quotedRun(text, i);
      case State.QuoteSeen:
        return this.#afterQuote(text, i, c);
      case State.Escape:
        return this.#escape(text, i);
    }
  }

  #unquoted(text: string, i: number): number {
    let j = i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === this.#delimiter || c === LF || c === CR) break;
      if (c === BACKSLASH && this.#tab) break;
      j++;
    }
    if (j > i) {
      this.#append(text.slice(i, j));
      this.#prevCR = false;
    }
    if (j === text.length) return j;
    return this.#special(text, j);
  }

  /** A delimiter, a line end or (tab files) a backslash at `j`. */
  #special(text: string, j: number): number {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      this.#state = State.Escape;
      this.#prevCR = false;
      return j + 1;
    }
    if (c === this.#delimiter) {
      this.#prevCR = false;
      this.#endCell();
      return j + 1;
    }
    const blankCRLF = c === LF && this.#prevCR && this.#isBlank();
    this.#newline(c);
    if (blankCRLF) {
      // The LF of a CRLF whose CR already ended the record: not a new (blank) record.
      this.#started = false;
      this.#state = State.Start;
      return j + 1;
    }
    this.#endRecord();
    return j + 1;
  }

  #quotedRun(text: string, i: number): number {
    let j = i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === QUOTE) break;
      if (c === LF || c === CR) this.#newline(c);
      else this.#prevCR = false;
      j++;
    }
    if (j > i) this.#append(text.slice(i, j));
    if (j < text.length) {
      this.#state = State.QuoteSeen;
      this.#prevCR = false;
      return j + 1;
    }
    return j;
  }

  #afterQuote(text: string, i: number, c: number): number {
    if (c === QUOTE) {
      this.#append('"');
      this.#state = State.Quoted;
      this.#prevCR = false;
      return i + 1;
    }
    if (c === this.#delimiter || c === LF || c === CR) {
      return this.#special(text, i);
    }
    throw new DataError(
      `Cannot read line ${this.#line} of "${this.#name}": unexpected text after the closing quote of a field`,
    );
  }

  #escape(text: string, i: number): number {
    const ch = text[i]!;
    this.#prevCR = false;
    this.#state = State.Unquoted;
    this.#escapes++;
    if (ch === "N") {
      this.#nullEscape = true;
      this.#append("\\N");
    } else if (Object.hasOwn(ESCAPES, ch)) {
      this.#append(ESCAPES[ch]!);
    } else {
      // mysql writes only the escapes above; anything else is kept as written.
      this.#append("\\" + ch);
    }
    return i + 1;
  }

  /** Counts physical lines: LF, CRLF and a lone CR each end one line. */
  #newline(c: number): void {
    if (c === CR) {
      this.#line++;
      this.#prevCR = true;
    } else if (c === LF) {
      if (!this.#prevCR) this.#line++;
      this.#prevCR = false;
    } else {
      this.#prevCR = false;
    }
  }

  #append(piece: string): void {
    this.#length += piece.length;
    if (this.#length > this.#max) {
      throw new DataError(
        `Cannot read line ${this.#recordLine} of "${this.#name}": the record is longer than ${this.#max} characters`,
      );
    }
    this.#cell += piece;
  }

  #isBlank(): boolean {
    return this.#cells.length === 0 && this.#cell === "" && !this.#quoted &&
      this.#state !== State.QuoteSeen;
  }

  #endCell(): void {
    let value = this.#cell;
    if (!this.#quoted) {
      // In tab files `\\N` decodes to the text \N, so only a lone `\N` escape is NULL.
      const isNull = (value === "NULL" && this.#escapes === 0) ||
        (value === "\\N" &&
          (this.#tab ? this.#nullEscape && this.#escapes === 1 : true));
      if (isNull) value = "";
    }
    this.#cells.push(value);
    this.#cell = "";
    this.#quoted = false;
    this.#escapes = 0;
    this.#nullEscape = false;
    this.#state = State.Start;
  }

  #endRecord(): void {
    const blank = this.#isBlank();
    this.#endCell();
    if (!blank) this.#out.push({ line: this.#recordLine, cells: this.#cells });
    this.#cells = [];
    this.#started = false;
    this.#length = 0;
  }
}

/** Detects the delimiter from the header line: the most frequent of `,` `;` tab (`,` if none). */
export function detectDelimiter(headerLine: string): Delimiter {
  let best: Delimiter = ",";
  let bestCount = 0;
  for (const candidate of [",", ";", "\t"] as const) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export { decodeUtf8 } from "./_utf8.ts";

/**
 * Opens a CSV stream: reads up to the end of the header line, detects the delimiter, parses the
 * header (names trimmed) and returns an iterator over the remaining records. An empty input, a
 * blank first line or invalid UTF-8 is a DataError.
 */
export async function openCsv(
  stream: ReadableStream<Uint8Array>,
  options: CsvOptions,
): Promise<CsvFile> {
  const chunks = decodeUtf8(stream, options.name);
  const first = await readFirstLine(chunks, options);
  if (first.text === "") {
    await chunks.return();
    throw new DataError(`Cannot read "${options.name}": the file is empty`);
  }
  const delimiter = detectDelimiter(first.line);
  const parser = new CsvParser(delimiter, options);
  const batches = records(parser, parser.push(first.text), chunks);
  const head = await batches.next();
  const firstBatch = head.done ? [] : head.value;
  const header = firstBatch[0];
  if (header === undefined || header.line !== 1) {
    await batches.return();
    throw new DataError(`Cannot read "${options.name}": it has no header row`);
  }
  return {
    header: header.cells.map((name) => name.trim()),
    delimiter,
    batches: after(firstBatch.slice(1), batches),
  };
}

/** The records left in the header's batch, then the other batches. */
async function* after(
  rest: CsvRow[],
  batches: AsyncGenerator<CsvRow[], void, undefined>,
): AsyncGenerator<CsvRow[], void, undefined> {
  if (rest.length > 0) yield rest;
  yield* batches;
}

async function readFirstLine(
  chunks: AsyncGenerator<string, void, undefined>,
  options: CsvOptions,
): Promise<{ text: string; line: string }> {
  const max = options.maxRecordLength ?? DEFAULT_MAX_RECORD;
  let text = "";
  while (true) {
    const end = text.search(/[\r\n]/);
    if (end >= 0) return { text, line: text.slice(0, end) };
    if (text.length > max) {
      throw new DataError(
        `Cannot read line 1 of "${options.name}": the record is longer than ${max} characters`,
      );
    }
    const next = await chunks.next();
    if (next.done) return { text, line: text };
    text += next.value;
  }
}

/** The non-empty batches of records of the text left. */
async function* records(
  parser: CsvParser,
  pending: CsvRow[],
  chunks: AsyncGenerator<string, void, undefined>,
): AsyncGenerator<CsvRow[], void, undefined> {
  if (pending.length > 0) yield pending;
  for await (const text of chunks) {
    const rows = parser.push(text);
    if (rows.length > 0) yield rows;
  }
  const last = parser.end();
  if (last.length > 0) yield last;
}

/** Parses a whole CSV text at once (small inputs and tests): header and records. */
export function parseCsvText(
  text: string,
  options: CsvOptions,
): { header: string[]; rows: CsvRow[] } {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const firstEnd = body.search(/[\r\n]/);
  const parser = new CsvParser(
    detectDelimiter(firstEnd < 0 ? body : body.slice(0, firstEnd)),
    options,
  );
  const all = [...parser.push(body), ...parser.end()];
  const head = all[0];
  if (!head || head.line !== 1) {
    throw new DataError(`Cannot read "${options.name}": it has no header row`);
  }
  return { header: head.cells.map((name) => name.trim()), rows: all.slice(1) };
}
