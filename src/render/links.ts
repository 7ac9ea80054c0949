/**
 * Click tracking (delivery.md §4.2, upstream `with_link_tracking`): relative links become absolute
 * on the site's domain and every tracked link gets the campaign's `utm_*` parameters. Query
 * handling copies Python's `parse_qs` + `urlencode(doseq=True, quote_via=quote_plus)` so links
 * read exactly like upstream's.
 */
import type { MessageMeta } from "./types.ts";

/** Strings `quote_plus` leaves alone (Python's always-safe set). */
const ALL_SAFE = /^[A-Za-z0-9_.~-]*$/;
/** What `encodeURIComponent` leaves or writes differently from `quote_plus`. */
const JS_ONLY = /[!'()*]|%20/g;
const ENCODER = new TextEncoder();

/** Percent-encodes UTF-8 bytes one by one (lone surrogates become U+FFFD, as TextEncoder does). */
function encodeBytes(value: string): string {
  let out = "";
  for (const byte of ENCODER.encode(value)) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(char)
      ? char
      : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Python's `urllib.parse.quote_plus(value, safe="")`: UTF-8 percent-encoding, space as `+`. */
export function quotePlus(value: string): string {
  if (ALL_SAFE.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    return encodeBytes(value).replaceAll("%20", "+");
  }
  // encodeURIComponent keeps !'()* and writes a space as %20; quote_plus does neither.
  return encoded.replace(
    JS_ONLY,
    (match) =>
      match === "%20"
        ? "+"
        : "%" + match.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** Python's `unquote_plus`: `+` is a space; malformed escapes are kept as written. */
function unquotePlus(value: string): string {
  const spaced = value.replaceAll("+", " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(
      /(?:%[0-9A-Fa-f]{2})+/g,
      (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      },
    );
  }
}

/** Whether a URL has a host (`netloc`), as `urllib.parse.urlsplit` decides it. */
function hasHost(url: string): boolean {
  const scheme = /^[A-Za-z][A-Za-z0-9+.\-]*:/.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  return /^\/\/[^/?#]/.test(rest);
}

/**
 * Makes a link absolute like upstream's `ensure_url_is_absolute`: a URL without a host becomes
 * `https://<domain>/<path>`; URLs with a host (also `//host/…`) are returned unchanged.
 */
export function absoluteUrl(url: string, siteDomain: string): string {
  if (hasHost(url)) return url;
  const domain = siteDomain.replace(/\/+$/, "");
  return `https://${domain}/${url.replace(/^\/+/, "")}`;
}

/** `parse_qs` without blank values: keys in first-seen order, repeated keys grouped. */
function parseQuery(query: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const field of query.split("&")) {
    const eq = field.indexOf("=");
    if (eq < 0) continue; // a field without "=" is dropped, as parse_qs does
    const value = field.slice(eq + 1);
    if (value === "") continue;
    const key = unquotePlus(field.slice(0, eq));
    const list = params.get(key);
    if (list) list.push(unquotePlus(value));
    else params.set(key, [unquotePlus(value)]);
  }
  return params;
}

/** Splits `base?query#fragment` the way `urlsplit` does (fragment first, then query). */
function splitUrl(
  url: string,
): { base: string; query: string; fragment: string } {
  const hash = url.indexOf("#");
  const fragment = hash < 0 ? "" : url.slice(hash + 1);
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const mark = beforeHash.indexOf("?");
  if (mark < 0) return { base: beforeHash, query: "", fragment };
  return {
    base: beforeHash.slice(0, mark),
    query: beforeHash.slice(mark + 1),
    fragment,
  };
}

/**
 * Tags a link for click tracking: absolute on the message's site, blank query parameters
 * dropped, then `utm_source`, `utm_medium`, `utm_campaign`, `utm_term` (first course id, only when
 * there is one) and `utm_content` set or overwritten in place; the fragment is kept.
 */
export function trackLink(
  url: string,
  message: MessageMeta,
  courseIds: readonly string[],
): string {
  const { base, query, fragment } = splitUrl(
    absoluteUrl(url, message.siteDomain),
  );
  const params = parseQuery(query);
  params.set("utm_source", [message.appLabel]);
  params.set("utm_medium", ["email"]);
  params.set("utm_campaign", [message.name]);
  const first = courseIds[0];
  if (first !== undefined) params.set("utm_term", [first]);
  params.set("utm_content", [message.uuid]);
  const encoded: string[] = [];
  for (const [key, values] of params) {
    for (const value of values) {
      encoded.push(`${quotePlus(key)}=${quotePlus(value)}`);
    }
  }
  return `${base}?${encoded.join("&")}${fragment ? "#" + fragment : ""}`;
}
