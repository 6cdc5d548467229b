import { describe, expect, it } from "vitest";
import en from "./en.json";
import zhTW from "./zh-TW.json";
import { chooseLanguage, dateLocaleFor, formatStamp, i18n, languageFromSystem } from "./index";

/** Every key of a resource, nested keys joined with dots, plural suffixes taken off. */
function keysOf(resource: object, prefix = ""): string[] {
  return Object.entries(resource).flatMap(([key, value]) =>
    typeof value === "object" && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`],
  );
}

function valuesOf(resource: object): string[] {
  return Object.values(resource).flatMap((value) =>
    typeof value === "object" && value !== null ? valuesOf(value as object) : [String(value)],
  );
}

describe("the translations", () => {
  it("have the same keys in English and Traditional Chinese", () => {
    const english = new Set(keysOf(en));
    const chinese = new Set(keysOf(zhTW));
    expect([...english].filter((k) => !chinese.has(k)), "keys missing in zh-TW.json").toEqual([]);
    expect([...chinese].filter((k) => !english.has(k)), "keys missing in en.json").toEqual([]);
  });

  it("give every count an _other form, and Chinese only that one", () => {
    const plural = (resource: object) => keysOf(resource).filter((k, i, all) => all.indexOf(k) !== i);
    expect(plural(zhTW)).toEqual([]);
    const flat = JSON.stringify(zhTW);
    expect(flat).not.toMatch(/_one"/);
    for (const key of new Set(plural(en))) {
      const base = key.split(".");
      const last = base.pop() ?? "";
      const group = base.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, zhTW);
      expect(group[`${last}_other`], `${key}_other in zh-TW.json`).toBeTypeOf("string");
    }
  });

  it("keep the placeholders of every English string", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    const lookup = (resource: object, key: string): string | undefined => {
      const parts = key.split(".");
      let node: unknown = resource;
      for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
      return typeof node === "string" ? node : undefined;
    };
    const flatKeys = (resource: object, prefix = ""): string[] =>
      Object.entries(resource).flatMap(([k, v]) =>
        typeof v === "object" && v !== null ? flatKeys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    for (const key of flatKeys(en)) {
      const english = lookup(en, key) ?? "";
      const chinese = lookup(zhTW, key) ?? lookup(zhTW, key.replace(/_one$/, "_other")) ?? "";
      expect(placeholders(chinese), key).toEqual(placeholders(english));
    }
  });

  it("write Chinese sentences with full-width punctuation", () => {
    for (const text of valuesOf(zhTW)) {
      if (!/\p{Script=Han}/u.test(text)) continue;
      // A half-width comma, colon, semicolon or bracket right after a Han character.
      expect(text, text).not.toMatch(/\p{Script=Han}[,:;()]/u);
      expect(text, text).not.toMatch(/\p{Script=Han}\.$/u);
    }
  });

  it("use Taiwan's words, not the Mainland's", () => {
    const mainland = ["患者", "回复", "文件", "设置", "搜索", "导出", "导入", "模板", "文件夹", "信息", "默认", "用户"];
    const all = valuesOf(zhTW).join("\n");
    for (const word of mainland) expect(all, word).not.toContain(word);
  });
});

describe("languageFromSystem", () => {
  it("chooses Traditional Chinese for Taiwan, Hong Kong, Macau and any zh-Hant", () => {
    for (const tag of ["zh-TW", "zh-tw", "zh-Hant", "zh-Hant-TW", "zh-HK", "zh-MO", "zh_TW", "zh-Hant-CN"]) {
      expect(languageFromSystem([tag]), tag).toBe("zh-TW");
    }
  });

  it("chooses English for everything else, Simplified Chinese included", () => {
    for (const tags of [["en-US"], ["zh-CN"], ["zh"], ["zh-Hans-TW"], ["ja-JP"], ["fr", "de"], []]) {
      expect(languageFromSystem(tags), tags.join(",")).toBe("en");
    }
  });

  it("takes the first language it has, in the system's order", () => {
    expect(languageFromSystem(["ja", "zh-TW", "en"])).toBe("zh-TW");
    expect(languageFromSystem(["en-GB", "zh-TW"])).toBe("en");
  });
});

describe("chooseLanguage", () => {
  it("switches the interface and the document's language at once", async () => {
    await chooseLanguage("zh-TW");
    expect(i18n.t("nav.newCase")).toBe("新增提問");
    expect(i18n.t("inbox.count", { count: 1 })).toBe("1 筆病例");
    expect(document.documentElement.lang).toBe("zh-Hant-TW");
    await chooseLanguage(null); // the system's (en-US in the test browser)
    expect(i18n.t("nav.newCase")).toBe("New question");
    expect(document.documentElement.lang).toBe("en");
  });
});

describe("dateLocaleFor", () => {
  it("gives English a year-first, unambiguous short date", () => {
    const locale = dateLocaleFor("en");
    const text = new Intl.DateTimeFormat(locale).format(new Date(2026, 10, 26));
    expect(text).toBe("2026-11-26");
  });

  it("gives Traditional Chinese a year-first short date too", () => {
    const text = new Intl.DateTimeFormat(dateLocaleFor("zh-TW")).format(new Date(2026, 10, 26));
    expect(text).toBe("2026/11/26");
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
