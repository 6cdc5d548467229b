import { describe, expect, it } from "vitest";
import { parseHash, hrefFor } from "../app/navigation";
import { isSearchShortcut } from "./shortcuts";

function key(init: KeyboardEventInit, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent("keydown", init);
  if (target) Object.defineProperty(event, "target", { value: target });
  return event;
}

describe("search shortcuts", () => {
  it("Ctrl+K and Cmd+K always focus search; / only outside text fields", () => {
    expect(isSearchShortcut(key({ key: "k", ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key({ key: "K", metaKey: true }))).toBe(true);
    expect(isSearchShortcut(key({ key: "/" }, document.body))).toBe(true);
    expect(isSearchShortcut(key({ key: "/" }, document.createElement("textarea")))).toBe(false);
    expect(isSearchShortcut(key({ key: "/" }, document.createElement("input")))).toBe(false);
    expect(isSearchShortcut(key({ key: "k" }))).toBe(false);
  });

  it("the search route round-trips any query through the address", () => {
    for (const query of ["", "面部抽搐", 'a&b=c #d "e"', "100%"]) {
      expect(parseHash(hrefFor({ name: "search", query }))).toEqual({ name: "search", query });
    }
    expect(parseHash("#/search")).toEqual({ name: "search", query: "" });
  });
});
