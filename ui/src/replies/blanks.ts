//! Blanks (`***`) and pick-lists (`[[rest|see a clinic]]`) in the reply
//! text, found the same way the core finds them (templates/blanks.rs), plus
//! dot-phrase detection (`.caffeine` followed by a space).

export type TextBlank = {
  kind: "blank" | "pick";
  start: number;
  end: number;
  text: string;
  options: string[];
};

const PATTERN = /\*{3,}|\[\[([^[\]\n]*\|[^[\]\n]*)\]\]/g;

export function findBlanks(text: string): TextBlank[] {
  const found: TextBlank[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const start = m.index;
    const inner = m[1];
    found.push({
      kind: inner === undefined ? "blank" : "pick",
      start,
      end: start + m[0].length,
      text: m[0],
      options: inner === undefined ? [] : inner.split("|"),
    });
  }
  return found;
}

/** The first blank starting at or after `from`, wrapping to the first one. */
export function nextBlank(text: string, from: number): TextBlank | null {
  const all = findBlanks(text);
  return all.find((b) => b.start >= from) ?? all[0] ?? null;
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
