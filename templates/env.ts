/**
 * What a template works with (`TemplateEnv`) and what it provides (`EmailTemplate`). `render.ts`
 * builds one environment per message: the input, the typed context, the translator for the
 * message language and the link tracker.
 */
import type { ComponentChild, VNode } from "preact";
import type {
  BaseContext,
  EmailInput,
  MessageContext,
  MessageMeta,
} from "../src/render/types.ts";
import type { MsgId, RichValues, Values } from "./i18n/mod.ts";
import type { ThemeStyles } from "./theme.ts";

/** One message being rendered. */
export interface TemplateEnv<C extends MessageContext = MessageContext> {
  readonly input: EmailInput;
  readonly ctx: C;
  readonly base: BaseContext;
  readonly message: MessageMeta;
  /** The normalised message language (e.g. "pt-br"). */
  readonly language: string;
  /** The language tried per string before English (the platform default), or "". */
  readonly fallback: string;
  /** Right-to-left language (ar, he, fa, ur). */
  readonly rtl: boolean;
  /** More than one course: the plural wording and dashboard links. */
  readonly multi: boolean;
  readonly styles: ThemeStyles;
  /** Translates a string of the catalog. */
  t(msgid: MsgId, values?: Values): string;
  /** Translates a string whose placeholders may be JSX. */
  rich(msgid: MsgId, values: RichValues): ComponentChild[];
  /** A UTM-tagged absolute link (delivery.md §4.2). */
  track(url: string): string;
}

/** One message type: the five rendered fields (head and layout are shared). */
export interface EmailTemplate<C extends MessageContext> {
  readonly kind: C["kind"];
  subject(env: TemplateEnv<C>): string;
  fromName(env: TemplateEnv<C>): string;
  /** The hidden inbox preview text. */
  preview(env: TemplateEnv<C>): string;
  /** The content of the white card. */
  content(env: TemplateEnv<C>): VNode;
  /** The plain-text part. */
  text(env: TemplateEnv<C>): string;
}
