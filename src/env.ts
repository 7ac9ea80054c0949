/**
 * The only module that reads the process environment. Secrets are read here and handed to the
 * channels; they are never logged, stored or put into an error.
 */

/** The environment values the tool uses. */
export interface Env {
  SCHEDULES_DB?: string;
  SAILTHRU_API_KEY?: string;
  SAILTHRU_API_SECRET?: string;
  SAILTHRU_API_URL?: string;
  SEGMENT_WRITE_KEY?: string;
  SEGMENT_API_URL?: string;
  SMTP_URL?: string;
  NO_COLOR?: string;
  /** The caller's folder when run through `deno task` (tasks run in the deno.json folder). */
  INIT_CWD?: string;
}

const NAMES = [
  "SCHEDULES_DB",
  "SAILTHRU_API_KEY",
  "SAILTHRU_API_SECRET",
  "SAILTHRU_API_URL",
  "SEGMENT_WRITE_KEY",
  "SEGMENT_API_URL",
  "SMTP_URL",
  "NO_COLOR",
  "INIT_CWD",
] as const satisfies readonly (keyof Env)[];

/** Reads the known variables; names the process may not read count as unset. */
export function readEnv(): Env {
  const env: Env = {};
  for (const name of NAMES) {
    try {
      const value = Deno.env.get(name);
      if (value !== undefined) env[name] = value;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotCapable)) throw error;
    }
  }
  return env;
}
