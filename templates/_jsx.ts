/**
 * JSX additions for email markup: the legacy table attributes email clients still need (Outlook
 * renders with Word), and two placeholder elements that `render.ts` swaps for Outlook conditional
 * comments, which JSX cannot produce (ecosystem.md §5.2).
 */
import type { JSX } from "preact";

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      /** Replaced by `<!--[if mso]>` + the Outlook ghost table opening. */
      "mso-open": JSX.HTMLAttributes<HTMLElement>;
      /** Replaced by the Outlook ghost table closing + `<![endif]-->`. */
      "mso-close": JSX.HTMLAttributes<HTMLElement>;
    }
    interface TableHTMLAttributes<T extends EventTarget = HTMLTableElement> {
      border?: string;
      align?: "left" | "center" | "right";
      bgcolor?: string;
    }
    interface TdHTMLAttributes<T extends EventTarget = HTMLTableCellElement> {
      bgcolor?: string;
    }
  }
}
