/**
 * The XML side of OLX reading: one file parsed (through the pinned `fast-xml-parser`, checked
 * with its validator first) into a plain element of attributes and children, and the pointer-tag
 * rule of Open edX.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DataError } from "../errors.ts";
import type { OlxSource } from "./_olx_source.ts";

/** A parsed XML element: attributes, and child elements by tag name. */
export interface Element {
  attrs: Record<string, string>;
  children: Record<string, unknown[]>;
  /** Where it was read, for messages. */
  file: string;
}

/**
 * A pointer tag (`<chapter url_name="x"/>`) only names the file that holds the element; any
 * other attribute or a child makes the element inline.
 */
export function isPointer(element: Element, allowed: string[]): boolean {
  return Object.keys(element.children).length === 0 &&
    Object.keys(element.attrs).every((name) => allowed.includes(name));
}

/** Reads and parses `file`, which must exist and have the root element `tag`. */
export async function readElement(
  source: OlxSource,
  file: string,
  tag: string,
): Promise<Element> {
  const text = await source.read(file);
  if (text === null) {
    fail(source, `"${source.describe(file)}" is missing`);
  }
  return parseElement(source, text, file, tag);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  parseTagValue: false,
  // Numeric character references (`&#233;`) are decoded only with this switch on.
  htmlEntities: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Parses one XML file whose root element must be `tag`. */
export function parseElement(
  source: OlxSource,
  text: string,
  file: string,
  tag: string,
): Element {
  const clean = text.replace(/^\uFEFF/, "");
  const valid = XMLValidator.validate(clean);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const at = col === undefined
      ? `line ${line}`
      : `line ${line}, column ${col}`;
    fail(
      source,
      `"${source.describe(file)}" is not well-formed XML (${at}: ${
        msg.replace(/\s+/g, " ")
      })`,
    );
  }
  const document: unknown = parser.parse(clean);
  const roots = isRecord(document)
    ? Object.keys(document).filter((k) =>
      !k.startsWith("?") && !k.startsWith("#")
    )
    : [];
  const nodes = isRecord(document) ? document[tag] : undefined;
  if (roots.length !== 1 || !Array.isArray(nodes) || nodes.length !== 1) {
    fail(
      source,
      `"${source.describe(file)}" has no single <${tag}> root element`,
    );
  }
  return toElement(nodes[0], file);
}

/** The attributes and children of a parsed node (`""` for an empty element). */
export function toElement(node: unknown, file: string): Element {
  const attrs: Record<string, string> = {};
  const children: Record<string, unknown[]> = {};
  if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("@_") && typeof value === "string") {
        attrs[key.slice(2)] = value;
      } else if (key !== "#text" && Array.isArray(value)) {
        children[key] = value;
      }
    }
  }
  return { attrs, children, file };
}

/** Throws the one-line DataError of a bad export. */
export function fail(source: OlxSource, detail: string): never {
  throw new DataError(`Cannot import "${source.label}": ${detail}`);
}

/** Whether a parsed JSON or XML value is a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
