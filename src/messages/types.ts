/**
 * The shape every message type module shares: which command it is, which flags govern it, its
 * default offsets, and a pure `resolve()` from (today, data) to candidates and skips.
 */
import type { Config, ScheduleFlag, SiteConfig } from "../config.ts";
import type { ExperienceType } from "../domain/types.ts";
import type { MessageContext } from "../render/types.ts";
import type { Catalog, DateField, ScheduleRow } from "../store/selection.ts";

/** The `send` type ids of contract.md, in `send all` order. */
export type SendTypeId =
  | "recurring-nudge"
  | "upgrade-reminder"
  | "course-update"
  | "course-next-section-update";

/** What a resolver reads: today, the site, the configuration, the catalog and the rows. */
export interface ResolveInput {
  today: Temporal.PlainDate;
  site: SiteConfig;
  config: Config;
  catalog: Catalog;
  /** The day offset being processed (binned types) — target day = today + offset. */
  offset: number;
  /** Schedules whose date field falls on the target day (binned types) or in the look-back. */
  rows: readonly ScheduleRow[];
}

/** A message a resolver decided on, before the per-message delivery checks. */
export interface Candidate {
  name: string;
  userId: number;
  username: string;
  email: string;
  hasUsablePassword: boolean;
  courseIds: string[];
  language: string;
  context: MessageContext;
  /** The day the rule targeted (YYYY-MM-DD): part of the exactly-once key. */
  targetDate: string;
  /** Course id of the per-course batch (next-section), for send_uuid grouping. */
  batch: string;
}

/** A schedule or learner the resolver passed over, with the rule that excluded it. */
export interface Skip {
  name: string;
  userId: number;
  courseId: string;
  /** A short machine reason, e.g. `not-self-paced`, `no-highlights`, `course-ended`. */
  reason: string;
  /** The same in words, for --explain. */
  detail: string;
}

/** The result of one resolver pass. */
export interface Resolution {
  candidates: Candidate[];
  skips: Skip[];
}

/** A message type module. */
export interface SendType {
  id: SendTypeId;
  /** Upstream's log prefix, e.g. "Recurring Nudge". */
  prefix: string;
  /** Message names this type can produce (with default offsets). */
  names: readonly string[];
  enqueueFlag: ScheduleFlag;
  deliverFlag: ScheduleFlag;
  /** Day offsets relative to today; `--weeks N` replaces them for binned types. */
  defaultOffsets: readonly number[];
  /** Binned types window on `dateField`; next-section is per course and unbinned. */
  binned: boolean;
  dateField: DateField;
  /** The message name for an offset. */
  nameFor(offset: number): string;
  /** The schedule experiences the message goes to at an offset (null = no experience row). */
  experiencesFor(offset: number): readonly (ExperienceType | null)[];
  /** Pure: candidates and skips for one site, offset and set of rows. */
  resolve(input: ResolveInput): Resolution;
}
