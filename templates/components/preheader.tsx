/**
 * The hidden inbox preview text. Invisible spacers after it keep the start of the body out of
 * the preview line.
 */
import type { VNode } from "preact";

const HIDDEN =
  "display:none;font-size:1px;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;visibility:hidden;mso-hide:all;";
/** Spread only in a right-to-left message: an `undefined` attribute would still leave a space. */
const RTL = { dir: "rtl" } as const;
/** `&nbsp;&zwnj;` pairs: clients fill the rest of the preview line with these instead of body text. */
const SPACERS = "\u00a0\u200c".repeat(60);

/** The preheader `<div>`: first thing in the body (outside the `dir` wrapper, so it sets its own). */
export function Preheader(
  props: { text: string; language: string; rtl: boolean },
): VNode {
  return (
    <div
      class="preheader"
      lang={props.language}
      {...(props.rtl ? RTL : {})}
      style={HIDDEN}
    >
      {props.text}
      {SPACERS}
    </div>
  );
}
