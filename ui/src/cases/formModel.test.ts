import { CalendarDate } from "@internationalized/date";
import { describe, expect, it } from "vitest";
import { addTags, emptyForm, toQuestionInput, validate } from "./formModel";

const TODAY = new CalendarDate(2024, 5, 10);

describe("validate", () => {
  it("requires a title and a question, ignoring whitespace", () => {
    const errors = validate({ ...emptyForm(TODAY), title: "   ", body: "\n\t" }, TODAY);
    expect(errors.title).toEqual({ key: "validation.titleRequired" });
    expect(errors.body).toEqual({ key: "validation.bodyRequired" });
  });

  it("refuses an asked-on date in the future and a missing one", () => {
    const base = { ...emptyForm(TODAY), title: "T", body: "B" };
    expect(validate({ ...base, asked_on: TODAY.add({ days: 1 }) }, TODAY).asked_on).toEqual({
      key: "validation.askedOnFuture",
    });
    expect(validate({ ...base, asked_on: null }, TODAY).asked_on).toEqual({
      key: "validation.askedOnRequired",
    });
  });

  it("accepts today and past dates", () => {
    const base = { ...emptyForm(TODAY), title: "T", body: "B" };
    expect(validate(base, TODAY)).toEqual({});
    expect(validate({ ...base, asked_on: new CalendarDate(2023, 2, 2) }, TODAY)).toEqual({});
  });
});

describe("toQuestionInput", () => {
  it("trims, turns empty optional fields into null and keeps body line breaks", () => {
    const input = toQuestionInput({
      ...emptyForm(TODAY),
      title: "  Facial twitching ",
      body: "Doctor,\n  line two\n\nThanks\n\n",
      asker: " ",
      sex: "female",
      age_range: "30-39",
      department: " Neurology ",
      tags: ["Facial Twitching"],
      tagDraft: "Eyelid Twitching",
    });
    expect(input).toEqual({
      title: "Facial twitching",
      body: "Doctor,\n  line two\n\nThanks",
      asker: null,
      sex: "female",
      age_range: "30-39",
      asked_on: "2024-05-10",
      department: "Neurology",
      tags: ["Facial Twitching", "Eyelid Twitching"],
      source: null,
    });
  });
});

describe("addTags", () => {
  it("splits on commas (ASCII and full-width) and skips duplicates", () => {
    expect(addTags(["Face"], "face, Tremors，肌肉抽搐 ,")).toEqual(["Face", "Tremors", "肌肉抽搐"]);
  });
});
