/**
 * Strict validation of the config JSON (contract.md "config JSON"). Every key is optional, but a
 * key that is present must have the right type; each problem names its JSON path
 * (`sites[0].schedule_config.enqueue_recurring_nudge: expected a boolean`). The result is a
 * patch: only the keys the file gave, to be merged into the current configuration.
 */
import { isThemeUrl } from "../../templates/theme_check.ts";
import type {
  Config,
  DeadlineRow,
  PlatformConfig,
  ScheduleFlags,
  Theme,
} from "../config.ts";
import { parseCourseKey } from "../domain/course_key.ts";

/** A theme as a file may give it: any subset of keys. */
export type ThemePatch = Partial<Theme>;

/** Platform settings as a file may give them. */
export type PlatformPatch =
  & Partial<Omit<PlatformConfig, "theme" | "ecommerce">>
  & {
    theme?: ThemePatch;
    ecommerce?: Partial<PlatformConfig["ecommerce"]>;
  };

/** One site of the file. */
export interface SitePatch {
  domain: string;
  /** null or absent: the site configuration is left as it is. */
  configuration?: {
    enabled?: boolean;
    values?: Record<string, unknown>;
  } | null;
  schedule_config?: Partial<ScheduleFlags>;
}

/** A deadline row of the file, keyed by org_id or course_id. */
export type DeadlinePatch<K extends string> =
  & Partial<DeadlineRow>
  & Record<K, string>;

/** The whole file. */
export interface ConfigPatch {
  platform?: PlatformPatch;
  sites?: SitePatch[];
  dynamic_upgrade_deadline?: {
    global?: Partial<Config["dynamic_upgrade_deadline"]["global"]>;
    orgs?: DeadlinePatch<"org_id">[];
    courses?: DeadlinePatch<"course_id">[];
  };
  sailthru?: Partial<Config["sailthru"]>;
  segment?: Partial<Config["segment"]>;
}

/** Checks one value at a JSON path; pushes problems; returns the value to keep. */
type Check = (value: unknown, path: string, problems: string[]) => unknown;

const string: Check = (value, path, problems) =>
  typeof value === "string"
    ? value
    : problem(problems, path, "expected a string");

const boolean: Check = (value, path, problems) =>
  typeof value === "boolean"
    ? value
    : problem(problems, path, "expected a boolean");

function integer(min: number): Check {
  return (value, path, problems) =>
    typeof value === "number" && Number.isSafeInteger(value) && value >= min
      ? value
      : problem(problems, path, `expected an integer of at least ${min}`);
}

function nullable(check: Check): Check {
  return (value, path, problems) =>
    value === null ? null : check(value, path, problems);
}

const stringMap: Check = (value, path, problems) => {
  if (!isPlainObject(value)) {
    return problem(problems, path, "expected an object of strings");
  }
  for (const [key, item] of Object.entries(value)) {
    string(item, `${path}.${key}`, problems);
  }
  return value;
};

function arrayOf(check: Check): Check {
  return (value, path, problems) => {
    if (!Array.isArray(value)) {
      return problem(problems, path, "expected a list");
    }
    return value.map((item, i) => check(item, `${path}[${i}]`, problems));
  };
}

/** An object with exactly these optional keys (unknown keys are problems). */
function object(
  fields: Record<string, Check>,
  required: readonly string[] = [],
): Check {
  return (value, path, problems) => {
    if (!isPlainObject(value)) {
      return problem(problems, path || "(top level)", "expected an object");
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const where = path ? `${path}.${key}` : key;
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!check) problem(problems, where, "unknown key");
      else out[key] = check(item, where, problems);
    }
    for (const key of required) {
      if (!Object.hasOwn(value, key)) {
        problem(problems, path ? `${path}.${key}` : key, "is missing");
      }
    }
    return out;
  };
}

const colour: Check = (value, path, problems) =>
  typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value)
    ? value
    : problem(problems, path, "expected a colour #rrggbb");

const themeUrl: Check = (value, path, problems) =>
  typeof value === "string" && isThemeUrl(value)
    ? value
    : problem(problems, path, "expected an https URL or a site-relative path");

const buttonStyle: Check = (value, path, problems) =>
  value === "filled" || value === "outline"
    ? value
    : problem(problems, path, 'expected "filled" or "outline"');

const theme = object({
  primary_color: colour,
  accent_color: colour,
  button_style: buttonStyle,
  font_family: string,
  header_links: arrayOf(
    object({ label: string, url: themeUrl }, ["label", "url"]),
  ),
  footer_lines: arrayOf(string),
  show_social: boolean,
  show_app_badges: boolean,
});

const platform = object({
  platform_name: string,
  lms_root_url: string,
  learning_mfe_url: string,
  default_from_email: string,
  contact_email: string,
  contact_mailing_address: string,
  logo_url: string,
  marketing_urls: stringMap,
  social_media_footer_urls: stringMap,
  social_media_logo_urls: stringMap,
  mobile_store_urls: stringMap,
  mobile_store_logo_urls: stringMap,
  google_analytics_tracking_id: string,
  google_analytics_user_id_custom_dimension: nullable(integer(1)),
  ecommerce: object({
    enabled: boolean,
    public_url_root: string,
    basket_path: string,
  }),
  course_update_show_unsubscribe: boolean,
  verification_window_days: integer(0),
  default_language: string,
  template_revision: string,
  self_paced_banner_url: string,
  self_paced_cloud_url: string,
  theme,
});

const orgFilter: Check = (value, path, problems) =>
  value === null || typeof value === "string" ||
    (Array.isArray(value) && value.every((item) => typeof item === "string"))
    ? value
    : problem(problems, path, "expected a string or a list of strings");

/** Site values: any upstream key; the ones this tool reads are checked. */
const siteValues: Check = (value, path, problems) => {
  if (!isPlainObject(value)) {
    return problem(problems, path, "expected an object");
  }
  const checks: Record<string, Check> = {
    course_org_filter: orgFilter,
    theme: nullable(theme),
  };
  for (const [key, item] of Object.entries(value)) {
    const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
    if (check) check(item, `${path}.${key}`, problems);
  }
  return value;
};

const flags = object({
  enqueue_recurring_nudge: boolean,
  deliver_recurring_nudge: boolean,
  enqueue_upgrade_reminder: boolean,
  deliver_upgrade_reminder: boolean,
  enqueue_course_update: boolean,
  deliver_course_update: boolean,
});

const domain: Check = (value, path, problems) =>
  typeof value === "string" && /^[A-Za-z0-9.-]+(?::\d+)?$/.test(value)
    ? value
    : problem(problems, path, "expected a domain name");

const site = object({
  domain,
  configuration: nullable(object({ enabled: boolean, values: siteValues })),
  schedule_config: flags,
}, ["domain"]);

const courseKey: Check = (value, path, problems) => {
  if (typeof value !== "string") {
    return problem(problems, path, "expected a course id");
  }
  try {
    parseCourseKey(value);
    return value;
  } catch (error) {
    return problem(problems, path, (error as Error).message);
  }
};

const deadlineFields = {
  enabled: boolean,
  deadline_days: integer(0),
  opt_out: boolean,
};

const config = object({
  platform,
  sites: arrayOf(site),
  dynamic_upgrade_deadline: object({
    global: object({ enabled: boolean, deadline_days: integer(0) }),
    orgs: arrayOf(object({ org_id: string, ...deadlineFields }, ["org_id"])),
    courses: arrayOf(
      object({ course_id: courseKey, ...deadlineFields }, ["course_id"]),
    ),
  }),
  sailthru: object({ template_name: string, api_url: string }),
  segment: object({ api_url: string }),
});

/**
 * Validates a parsed config file. Returns the patch, or the list of problems
 * (`path: reason`), each naming where in the JSON it is.
 */
export function validateConfig(
  value: unknown,
): { patch: ConfigPatch; problems: [] } | { problems: string[] } {
  const problems: string[] = [];
  const checked = config(value, "", problems);
  duplicates(value, problems);
  if (problems.length > 0) return { problems };
  // The checks above establish exactly the ConfigPatch shape.
  return { patch: checked as ConfigPatch, problems: [] };
}

/** Sites, orgs and courses may each appear once. */
function duplicates(value: unknown, problems: string[]): void {
  if (!isPlainObject(value)) return;
  const deadlines = isPlainObject(value.dynamic_upgrade_deadline)
    ? value.dynamic_upgrade_deadline
    : {};
  const lists: [string, unknown, string, boolean][] = [
    ["sites", value.sites, "domain", true],
    ["dynamic_upgrade_deadline.orgs", deadlines.orgs, "org_id", false],
    ["dynamic_upgrade_deadline.courses", deadlines.courses, "course_id", false],
  ];
  for (const [path, list, key, fold] of lists) {
    if (!Array.isArray(list)) continue;
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      if (!isPlainObject(item) || typeof item[key] !== "string") return;
      const name = fold ? item[key].toLowerCase() : item[key];
      const first = seen.get(name);
      if (first !== undefined) {
        problem(
          problems,
          `${path}[${i}].${key}`,
          `duplicate of ${path}[${first}]`,
        );
      } else seen.set(name, i);
    });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function problem(problems: string[], path: string, reason: string): undefined {
  problems.push(`${path}: ${reason}`);
  return undefined;
}
