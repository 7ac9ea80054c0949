/**
 * Runs one resolver the way send.ts does (window query, then the pure resolver) for tests.
 */
import { findSite } from "../../src/config.ts";
import { dayWindow, startOfDay } from "../../src/domain/dates.ts";
import { DAY_MS } from "../../src/domain/types.ts";
import {
  MAX_LOOKBACK_DAYS,
  type Resolution,
  type SendType,
} from "../../src/messages/mod.ts";
import { loadConfig } from "../../src/store/config_store.ts";
import type { Store } from "../../src/store/db.ts";
import { loadCatalog, schedulesInWindow } from "../../src/store/selection.ts";

/** Resolves `type` for `site` on `today` at `offset`. */
export function resolveFor(
  db: Store,
  type: SendType,
  today: string,
  offset: number,
  site = "courses.example.com",
): Resolution {
  const date = Temporal.PlainDate.from(today);
  const config = loadConfig(db);
  const target = date.add({ days: offset });
  const window = type.binned ? dayWindow(target) : {
    from: startOfDay(target) - MAX_LOOKBACK_DAYS * DAY_MS,
    to: startOfDay(target),
  };
  return type.resolve({
    today: date,
    site: findSite(config, site)!,
    config,
    catalog: loadCatalog(db),
    offset,
    rows: schedulesInWindow(db, type.dateField, window),
  });
}

/** The learners of a resolution's candidates, sorted. */
export function learners(resolution: Resolution): number[] {
  return resolution.candidates.map((c) => c.userId).sort((a, b) => a - b);
}
