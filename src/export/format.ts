/**
 * Turning export rows into CSV or JSON lines. Values are already in their export form
 * (ISO datetimes, booleans, numbers, lists); CSV writes `true`/`false`, empty for null and
 * `|`-joined lists, quoted per RFC 4180.
 */

/** A value of an exported field. */
export type ExportValue = string | number | boolean | null | readonly string[];

/** One exported record, fields in column order. */
export type ExportRow = Readonly<Record<string, ExportValue>>;

/** The output formats. */
export type ExportFormat = "csv" | "json";

/** The CSV text of one value (unquoted). */
export function csvValue(value: ExportValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  return value.join("|");
}

/**
 * Quotes a CSV cell when it holds a delimiter, a quote or a line break, or when it reads as
 * NULL (an unquoted `NULL` or `\N` would import back as an empty cell).
 */
export function csvQuote(text: string): string {
  if (/[",;\t\r\n]/.test(text) || text === "NULL" || text === "\\N") {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/** One CSV line (no line terminator). */
export function csvLine(values: readonly ExportValue[]): string {
  return values.map((value) => csvQuote(csvValue(value))).join(",");
}

/**
 * The lines of an export: CSV (header, then one line per row) or a JSON array with one object
 * per line. Rows are consumed one at a time.
 */
export function* formatRows(
  columns: readonly string[],
  rows: Iterable<ExportRow>,
  format: ExportFormat,
): Generator<string, void, undefined> {
  if (format === "csv") {
    yield csvLine(columns);
    for (const row of rows) {
      yield csvLine(columns.map((name) => row[name] ?? null));
    }
    return;
  }
  let previous: string | null = null;
  yield "[";
  for (const row of rows) {
    if (previous !== null) yield previous + ",";
    const ordered: Record<string, ExportValue> = {};
    for (const name of columns) ordered[name] = row[name] ?? null;
    previous = JSON.stringify(ordered);
  }
  if (previous !== null) yield previous;
  yield "]";
}
