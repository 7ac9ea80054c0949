/**
 * The export kinds: data tables, the ledger (`messages`) and `config`, each as a stream of
 * output lines in CSV or JSON.
 */
import { UsageError } from "../errors.ts";
import type { Store } from "../store/db.ts";
import { exportConfigLines } from "./config.ts";
import { type ExportFormat, formatRows } from "./format.ts";
import { MESSAGES, type TableExport, TABLES } from "./tables.ts";

export type { ExportFormat } from "./format.ts";
export { configDocument } from "./config.ts";

/** Every kind `export` knows, in help order. */
export const EXPORT_KINDS: readonly string[] = [
  "config",
  ...Object.keys(TABLES),
  "messages",
];

/** The default format of a kind: JSON for config, else CSV. */
export function defaultFormat(kind: string): ExportFormat {
  return kind === "config" ? "json" : "csv";
}

/**
 * The output lines of one export (no line terminators). Rows are read lazily, so a large table
 * is never held in memory. Throws a UsageError for an unknown kind or config as CSV.
 */
export function exportLines(
  db: Store,
  kind: string,
  format: ExportFormat,
): Iterable<string> {
  if (kind === "config") {
    if (format !== "json") {
      throw new UsageError("export config: only --format json is available");
    }
    return exportConfigLines(db);
  }
  const table: TableExport | undefined = kind === "messages"
    ? MESSAGES
    : Object.hasOwn(TABLES, kind)
    ? TABLES[kind]
    : undefined;
  if (!table) {
    throw new UsageError(
      `Unknown kind "${kind}" for export (kinds: ${EXPORT_KINDS.join(", ")})`,
    );
  }
  return formatRows(table.columns, table.rows(db), format);
}
