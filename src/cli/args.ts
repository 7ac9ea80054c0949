/**
 * Argument parsing on node:util `parseArgs`, with every mistake turned into a UsageError (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.ts";

/** Option specs as node:util expects them. */
export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/** Parses a command's own arguments strictly; unknown options are usage errors. */
export function parseCommandArgs<T extends OptionSpecs>(
  command: string,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${command}: ${text.split("\n")[0]}`);
  }
}

/** Parses a positive integer option value, else a UsageError naming the option. */
export function parseIntOption(
  name: string,
  value: string,
  min: number,
  max: number,
): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(
      `Invalid value "${value}" for ${name}: expected an integer from ${min} to ${max}`,
    );
  }
  return Number(value);
}
