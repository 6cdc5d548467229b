import { describe, expect, it } from "vitest";
import { dotPhraseBefore, findBlanks, nextBlank } from "./blanks";

describe("blanks", () => {
  it("finds blanks and pick-lists like the core does", () => {
    const text = "Hello ***,\n眼皮 [[rest|see a clinic]] then ***** and [[not a pick]].";
    const found = findBlanks(text);
    expect(found.map((b) => b.kind)).toEqual(["blank", "pick", "blank"]);
    expect(found[1]?.options).toEqual(["rest", "see a clinic"]);
    expect(text.slice(found[1]!.start, found[1]!.end)).toBe("[[rest|see a clinic]]");
  });

  it("moves to the next blank and wraps around", () => {
    const text = "a *** b *** c";
    expect(nextBlank(text, 0)?.start).toBe(2);
    expect(nextBlank(text, 3)?.start).toBe(8);
    expect(nextBlank(text, 12)?.start).toBe(2);
    expect(nextBlank("done", 0)).toBeNull();
  });

  it("detects a finished dot-phrase, also after a full-width space", () => {
    expect(dotPhraseBefore("Try .caffeine ", 14)).toEqual({ trigger: "caffeine", start: 4, end: 14 });
    expect(dotPhraseBefore(".rest\n", 6)?.trigger).toBe("rest");
    expect(dotPhraseBefore("你好 .rest\u3000", 9)?.trigger).toBe("rest");
    expect(dotPhraseBefore("e.g. ", 5)).toBeNull();
    expect(dotPhraseBefore("Try .caffeine", 13)).toBeNull();
  });
});
