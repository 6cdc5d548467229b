import { describe, expect, it } from "vitest";
import { dateLocaleFor } from "./index";

describe("dateLocaleFor", () => {
  it("gives English a year-first, unambiguous short date", () => {
    const locale = dateLocaleFor("en");
    const text = new Intl.DateTimeFormat(locale).format(new Date(2026, 10, 26));
    expect(text).toBe("2026-11-26");
  });
});
