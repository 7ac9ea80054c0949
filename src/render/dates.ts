/**
 * The upgrade deadline as the email shows it (behaviour.md §3 step 5): Django's `DATE_FORMAT` of
 * the message language. English keeps Django's `N j, Y` with its AP-style month abbreviations;
 * Spanish is lower-cased as upstream does; other languages use the platform's `Intl` data.
 * Always in UTC, so the date never depends on the host's zone.
 */

/** Django's `N` month names (Associated Press style: short months are written out). */
const DJANGO_MONTHS = [
  "Jan.",
  "Feb.",
  "March",
  "April",
  "May",
  "June",
  "July",
  "Aug.",
  "Sept.",
  "Oct.",
  "Nov.",
  "Dec.",
] as const;

/** Formatters by language; building one is the expensive part. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** English in Django's `N j, Y` form, e.g. "Aug. 8, 2017". */
function djangoEnglish(date: Date): string {
  const month = DJANGO_MONTHS[date.getUTCMonth()] ?? "";
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** A long-date formatter for a language `Intl` supports, else null. */
function formatterFor(language: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(language);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat | null = null;
  try {
    if (Intl.DateTimeFormat.supportedLocalesOf(language).length > 0) {
      formatter = new Intl.DateTimeFormat(language, {
        dateStyle: "long",
        timeZone: "UTC",
      });
    }
  } catch {
    // Not a well-formed language tag: English below.
  }
  formatters.set(language, formatter);
  return formatter;
}

/**
 * Formats an instant (epoch milliseconds) as a date in `language`, in UTC: English and unknown
 * languages as "Aug. 8, 2017", any `es*` language as "8 de agosto de 2017" (lower case), other
 * languages in their `Intl` long date style.
 */
export function formatDate(at: number, language: string): string {
  const date = new Date(at);
  const tag = language.trim().replaceAll("_", "-").toLowerCase();
  if (tag === "" || tag === "en" || tag.startsWith("en-")) {
    return djangoEnglish(date);
  }
  const formatter = formatterFor(tag);
  if (formatter === null) return djangoEnglish(date);
  const text = formatter.format(date);
  return tag.startsWith("es") ? text.toLowerCase() : text;
}
