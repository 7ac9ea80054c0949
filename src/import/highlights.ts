/**
 * `import highlights`: one row per highlight, a section without highlights has one row with an
 * empty `highlight`. The rows of a course replace its whole outline (table `course_sections`,
 * highlights kept as a JSON list). Counts are per course outline.
 */
import type { StatementSync } from "node:sqlite";
import type { Store } from "../store/db.ts";
import {
  boolCell,
  type ImportRecord,
  parseInteger,
  requiredCourseId,
  requiredText,
  RowError,
  verbatimCell,
} from "./fields.ts";
import type { ImportSession, KindImporter, RowHandler } from "./session.ts";

/** A `course_sections` row as stored. */
export interface SectionRow {
  position: number;
  name: string | null;
  highlights: string;
  hide_from_toc: number;
  visible_to_staff_only: number;
}

interface PendingSection {
  line: number;
  name: string | null;
  highlights: string[];
  hide: boolean;
  staffOnly: boolean;
}

/** The highlights import kind. */
export const highlightsImporter: KindImporter = {
  kind: "highlights",
  required: ["course_id", "section"],
  optional: [
    "section_name",
    "highlight",
    "hide_from_toc",
    "visible_to_staff_only",
  ],
  begin: beginHighlights,
};

function beginHighlights(db: Store, session: ImportSession): RowHandler {
  const courseExists = db.prepare(
    "SELECT 1 AS found FROM courses WHERE id = ?",
  );
  const outlines = new Map<string, Map<number, PendingSection>>();
  return {
    row(record) {
      const courseId = requiredCourseId(record, "course_id");
      const position = sectionCell(record);
      const pending = readSection(record);
      if (!outlines.has(courseId)) {
        if (!courseExists.get(courseId)) {
          throw new RowError("course_id", `unknown course "${courseId}"`);
        }
        outlines.set(courseId, new Map());
      }
      const sections = outlines.get(courseId)!;
      const first = sections.get(position);
      if (first) mergeSection(first, pending, record);
      else sections.set(position, pending);
    },
    finish() {
      if (session.failed) return;
      const writer = new OutlineWriter(db);
      for (const [courseId, sections] of outlines) {
        const outcome = writer.replace(courseId, sections);
        session.counts[outcome]++;
      }
    },
  };
}

function sectionCell(record: ImportRecord): number {
  const text = requiredText(record, "section");
  try {
    return parseInteger(text, 1);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new RowError("section", `"${text}" is not a positive integer`);
    }
    throw error;
  }
}

function readSection(record: ImportRecord): PendingSection {
  const highlight = verbatimCell(record, "highlight");
  return {
    line: record.line,
    name: verbatimCell(record, "section_name") ?? null,
    highlights: highlight ? [highlight] : [],
    hide: boolCell(record, "hide_from_toc") ?? false,
    staffOnly: boolCell(record, "visible_to_staff_only") ?? false,
  };
}

/** A further row of a section: its highlight is added; the section's own cells must agree. */
function mergeSection(
  first: PendingSection,
  next: PendingSection,
  record: ImportRecord,
): void {
  const given = (column: string) => verbatimCell(record, column) != null;
  if (given("section_name") && next.name !== first.name) {
    throw new RowError(
      "section_name",
      `"${next.name}" differs from line ${first.line} ("${first.name ?? ""}")`,
    );
  }
  for (
    const [column, a, b] of [
      ["hide_from_toc", first.hide, next.hide],
      ["visible_to_staff_only", first.staffOnly, next.staffOnly],
    ] as const
  ) {
    if (given(column) && a !== b) {
      throw new RowError(column, `${b} differs from line ${first.line} (${a})`);
    }
  }
  for (const text of next.highlights) {
    if (first.highlights.includes(text)) {
      throw new RowError(
        "highlight",
        `duplicate highlight (first on line ${first.line})`,
      );
    }
    first.highlights.push(text);
  }
}

/** Replaces course outlines when they differ from what is stored. */
class OutlineWriter {
  readonly #select: StatementSync;
  readonly #delete: StatementSync;
  readonly #insert: StatementSync;

  constructor(db: Store) {
    this.#select = db.prepare(
      `SELECT position, name, highlights, hide_from_toc, visible_to_staff_only
       FROM course_sections WHERE course_id = ? ORDER BY position`,
    );
    this.#delete = db.prepare(
      "DELETE FROM course_sections WHERE course_id = ?",
    );
    this.#insert = db.prepare(
      `INSERT INTO course_sections (course_id, position, name, highlights, hide_from_toc,
         visible_to_staff_only) VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Writes the outline unless it is unchanged; says which. */
  replace(
    courseId: string,
    sections: Map<number, PendingSection>,
  ): "inserted" | "updated" | "unchanged" {
    const rows = [...sections.entries()].sort(([a], [b]) => a - b).map((
      [position, section],
    ): SectionRow => ({
      position,
      name: section.name,
      highlights: JSON.stringify(section.highlights),
      hide_from_toc: section.hide ? 1 : 0,
      visible_to_staff_only: section.staffOnly ? 1 : 0,
    }));
    const stored = this.#select.all(courseId) as unknown as SectionRow[];
    if (JSON.stringify(stored) === JSON.stringify(rows)) return "unchanged";
    this.#delete.run(courseId);
    for (const row of rows) {
      this.#insert.run(
        courseId,
        row.position,
        row.name,
        row.highlights,
        row.hide_from_toc,
        row.visible_to_staff_only,
      );
    }
    return stored.length === 0 ? "inserted" : "updated";
  }
}
