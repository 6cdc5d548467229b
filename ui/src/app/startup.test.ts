import { QueryClient } from "@tanstack/react-query";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { casePageQuery } from "../cases/queries";
import { ALL_CASES, prefetchStartup } from "./startup";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return { ...actual, appInfo: vi.fn(), listCases: vi.fn() };
});

const PAGE = { total: 1, offset: 0, items: [] };

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.appInfo).mockResolvedValue({ version: "0.1.0", data_dir: "/d", database_path: "/d/casebook.sqlite3", access: "open", lock_notice: null });
  vi.mocked(backend.listCases).mockResolvedValue(PAGE);
});

describe("prefetchStartup", () => {
  it("asks for the start-up probe and the inbox's first page together, before any render", async () => {
    const client = prefetchStartup(new QueryClient(), "#/");
    expect(backend.appInfo).toHaveBeenCalledTimes(1);
    expect(backend.listCases).toHaveBeenCalledTimes(1);
    expect(backend.listCases).toHaveBeenCalledWith(ALL_CASES, 0, expect.any(Number));
    await vi.waitFor(() =>
      expect(client.getQueryData(casePageQuery(ALL_CASES, 0).queryKey)).toEqual(PAGE),
    );
  });

  it("does not fetch the inbox when the window opens on another screen", () => {
    prefetchStartup(new QueryClient(), "#/cases/12");
    expect(backend.appInfo).toHaveBeenCalledTimes(1);
    expect(backend.listCases).not.toHaveBeenCalled();
  });
});
