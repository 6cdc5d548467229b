import { invoke } from "@tauri-apps/api/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BackendError, deleteCase, getCase, listCases, updateCase } from "./index";
import type { QuestionInput } from "./bindings/QuestionInput";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const invokeMock = vi.mocked(invoke);
const ALL = { status: null, department: null, tag: null };

function withRuntime(present: boolean) {
  if (present) {
    Object.defineProperty(window, "__TAURI_INTERNALS__", { value: {}, configurable: true });
  } else {
    Reflect.deleteProperty(window, "__TAURI_INTERNALS__");
  }
}

async function caught(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error("expected the call to fail");
}

describe("backend adapter", () => {
  beforeEach(() => {
    invokeMock.mockReset();
    withRuntime(true);
  });
  afterEach(() => withRuntime(false));

  it("passes the command name and camelCase arguments", async () => {
    invokeMock.mockResolvedValue({ total: 0, offset: 0, items: [] });
    await listCases(ALL, 300, 100);
    expect(invokeMock).toHaveBeenCalledWith("list_cases", { filter: ALL, offset: 300, limit: 100 });

    const question: QuestionInput = {
      title: "t", body: "b", asker: null, sex: null, age_range: null,
      asked_on: "2023-02-02", department: null, tags: [], source: null,
    };
    invokeMock.mockResolvedValue({});
    await updateCase(7, question);
    expect(invokeMock).toHaveBeenLastCalledWith("update_case", { id: 7, question });

    invokeMock.mockResolvedValue(null);
    await expect(deleteCase(7)).resolves.toBeUndefined();
    expect(invokeMock).toHaveBeenLastCalledWith("delete_case", { id: 7 });
  });

  it("never asks for more than 200 rows", async () => {
    invokeMock.mockResolvedValue({ total: 0, offset: 0, items: [] });
    await listCases(ALL, 0, 5000);
    expect(invokeMock).toHaveBeenCalledWith("list_cases", { filter: ALL, offset: 0, limit: 200 });
  });

  it("maps a CommandError to a BackendError with code, message and field", async () => {
    invokeMock.mockRejectedValue({ code: "invalid", message: "Title is required", field: "title" });
    const error = await caught(listCases(ALL, 0, 100));
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("invalid");
    expect(error.message).toBe("Title is required");
    expect(error.field).toBe("title");
  });

  it("treats a missing field as null", async () => {
    invokeMock.mockRejectedValue({ code: "not_found", message: "No case 9" });
    const error = await caught(getCase(9));
    expect(error.code).toBe("not_found");
    expect(error.field).toBeNull();
  });

  it("maps a plain string rejection to an internal error keeping the text", async () => {
    invokeMock.mockRejectedValue("database is locked");
    const error = await caught(getCase(1));
    expect(error.code).toBe("internal");
    expect(error.message).toBe("database is locked");
  });

  it("does not trust an object with an unknown code", async () => {
    invokeMock.mockRejectedValue({ code: "weird", message: "?" });
    const error = await caught(getCase(1));
    expect(error.code).toBe("internal");
  });

  it("reports 'unavailable' when the Tauri runtime is absent", async () => {
    withRuntime(false);
    invokeMock.mockRejectedValue(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
    const error = await caught(getCase(1));
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/desktop app/);
  });

  it("maps a JS Error inside the runtime to 'internal' naming the command", async () => {
    invokeMock.mockRejectedValue(new Error("boom"));
    const error = await caught(getCase(1));
    expect(error.code).toBe("internal");
    expect(error.message).toContain("boom");
    expect(error.message).toContain("get_case");
  });
});
