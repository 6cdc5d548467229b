import { describe, expect, it } from "vitest";
import { departmentName, departmentSuggestions } from "./options";

describe("departmentName", () => {
  it("names a known department in the interface language, whichever language it was stored in", () => {
    expect(departmentName("Neurology", "zh-TW")).toBe("神經內科");
    expect(departmentName("neurology", "zh-TW")).toBe("神經內科");
    expect(departmentName("家庭醫學科", "en")).toBe("Family Medicine");
    expect(departmentName("神經內科", "zh-TW")).toBe("神經內科");
  });

  it("shows any other department as it was stored", () => {
    expect(departmentName("Sleep clinic", "zh-TW")).toBe("Sleep clinic");
    expect(departmentName("睡眠中心", "en")).toBe("睡眠中心");
  });
});

describe("departmentSuggestions", () => {
  it("offers the case book's departments as stored, then the known ones it lacks, in the interface language", () => {
    const list = departmentSuggestions(["Neurology", "睡眠中心"], "zh-TW");
    expect(list[0]).toEqual({ id: "Neurology", label: "神經內科" });
    expect(list[1]).toEqual({ id: "睡眠中心", label: "睡眠中心" });
    expect(list.map((d) => d.id)).toContain("家庭醫學科");
    expect(list.map((d) => d.id)).not.toContain("神經內科");
    expect(departmentSuggestions([], "en").map((d) => d.id)).toContain("Family Medicine");
  });
});
