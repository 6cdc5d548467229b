//! Blanks (`***`) and pick-lists (`[[rest|see a clinic]]`) in the reply
//! text are found by the core (command `find_blanks`, the rule that also
//! refuses to mark a reply answered while any is left); this module only
//! walks them, and detects a typed dot-phrase (`.caffeine` then a space).
import type { Blank } from "../backend";

/** The first blank starting at or after `from`, wrapping to the first one. */
export function nextBlank(blanks: readonly Blank[], from: number): Blank | null {
  return blanks.find((b) => b.start >= from) ?? blanks[0] ?? null;
}

/** A dot-phrase just completed before `caret`: `.word` then a space, tab or line break. */
export function dotPhraseBefore(
  text: string,
  caret: number,
): { trigger: string; start: number; end: number } | null {
  const m = /(^|\s)\.([A-Za-z0-9_-]{1,32})[ \t\n\u3000]$/.exec(text.slice(0, caret));
  if (!m?.[2]) return null;
  const start = m.index + (m[1]?.length ?? 0);
  return { trigger: m[2], start, end: caret };
}
