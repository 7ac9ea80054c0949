/**
 * The start tags a browser would see in an HTML text, found the way the HTML tokenizer does
 * (comments end at `-->` or `--!>`, quoted and unquoted attribute values, raw text in script,
 * style, title and textarea). Enough to tell escaped data from markup in the injection tests.
 */

/** One start tag: its name and attribute names, lower case. */
export interface StartTag {
  name: string;
  attributes: string[];
}

const RAW_TEXT = new Set(["script", "style", "title", "textarea"]);

/** Every start tag of `html`, in order. */
export function startTags(html: string): StartTag[] {
  const tags: StartTag[] = [];
  let i = 0;
  while ((i = html.indexOf("<", i)) >= 0) {
    if (html.startsWith("<!--", i)) {
      i = commentEnd(html, i + 4);
    } else if (html[i + 1] === "!" || html[i + 1] === "/") {
      i = after(html, ">", i);
    } else if (/[a-zA-Z]/.test(html[i + 1] ?? "")) {
      const tag = readTag(html, i + 1);
      tags.push(tag.tag);
      i = RAW_TEXT.has(tag.tag.name)
        ? rawTextEnd(html, tag.end, tag.tag.name)
        : tag.end;
    } else {
      i++;
    }
  }
  return tags;
}

/** Where a comment opened just before `from` ends (after `-->`, `--!>`, or `<!-->`). */
function commentEnd(html: string, from: number): number {
  if (html.startsWith(">", from)) return from + 1;
  if (html.startsWith("->", from)) return from + 2;
  const match = /--!?>/.exec(html.slice(from));
  return match ? from + match.index + match[0].length : html.length;
}

function after(html: string, text: string, from: number): number {
  const at = html.indexOf(text, from);
  return at < 0 ? html.length : at + text.length;
}

function rawTextEnd(html: string, from: number, name: string): number {
  const at = html.toLowerCase().indexOf(`</${name}`, from);
  return at < 0 ? html.length : at;
}

/** Reads a start tag whose name starts at `from`; returns it and the index after its `>`. */
function readTag(html: string, from: number): { tag: StartTag; end: number } {
  const name = /^[^\s/>]+/.exec(html.slice(from))![0];
  const attributes: string[] = [];
  let i = from + name.length;
  while (i < html.length && html[i] !== ">") {
    if (/[\s/]/.test(html[i]!)) {
      i++;
      continue;
    }
    const attr = /^[^\s/>][^\s/>=]*/.exec(html.slice(i))![0];
    attributes.push(attr.toLowerCase());
    i += attr.length;
    while (/\s/.test(html[i] ?? "")) i++;
    if (html[i] === "=") i = skipValue(html, i + 1);
  }
  return { tag: { name: name.toLowerCase(), attributes }, end: i + 1 };
}

function skipValue(html: string, from: number): number {
  let i = from;
  while (/\s/.test(html[i] ?? "")) i++;
  const quote = html[i];
  if (quote === '"' || quote === "'") return after(html, quote, i + 1);
  while (i < html.length && !/[\s>]/.test(html[i]!)) i++;
  return i;
}
