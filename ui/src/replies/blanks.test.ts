import { describe, expect, it } from "vitest";
import type { Blank } from "../backend";
import { dotPhraseBefore, nextBlank } from "./blanks";

const blank = (start: number): Blank => ({
  kind: "blank",
  line: 1,
  column: start + 1,
  start,
  end: start + 3,
  text: "***",
  options: [],
});

describe("blanks", () => {
  it("moves to the next blank and wraps around", () => {
    const found = [blank(2), blank(8)];
    expect(nextBlank(found, 0)?.start).toBe(2);
    expect(nextBlank(found, 3)?.start).toBe(8);
    expect(nextBlank(found, 12)?.start).toBe(2);
    expect(nextBlank([], 0)).toBeNull();
  });

  it("detects a finished dot-phrase, also after a full-width space", () => {
    expect(dotPhraseBefore("Try .caffeine ", 14)).toEqual({ trigger: "caffeine", start: 4, end: 14 });
    expect(dotPhraseBefore(".rest\n", 6)?.trigger).toBe("rest");
    expect(dotPhraseBefore("你好 .rest\u3000", 9)?.trigger).toBe("rest");
    expect(dotPhraseBefore("e.g. ", 5)).toBeNull();
    expect(dotPhraseBefore("Try .caffeine", 13)).toBeNull();
  });
});
