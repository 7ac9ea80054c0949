/** Helpers for the plain-text parts: blocks separated by blank lines, links in angle brackets. */

/** Joins the non-empty blocks with a blank line between them. */
export function paragraphs(...blocks: (string | null | false)[]): string {
  return blocks.filter((block): block is string => !!block).join("\n\n");
}

/** "Label <url>", upstream's link line. */
export function linkLine(label: string, url: string): string {
  return `${label} <${url}>`;
}
