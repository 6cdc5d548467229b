import { describe, expect, it } from "vitest";
import { dateLocaleFor, formatStamp } from "./index";

describe("dateLocaleFor", () => {
  it("gives English a year-first, unambiguous short date", () => {
    const locale = dateLocaleFor("en");
    const text = new Intl.DateTimeFormat(locale).format(new Date(2026, 10, 26));
    expect(text).toBe("2026-11-26");
  });
});

describe("formatStamp", () => {
  it("shows an event's moment in local time, year first, to the minute", () => {
    const local = new Date(2026, 10, 26, 7, 5, 42);
    expect(formatStamp(local.toISOString())).toBe("2026-11-26 07:05");
  });

  it("leaves text that is not a date as it is", () => {
    expect(formatStamp("yesterday")).toBe("yesterday");
  });
});
