import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { App } from "../app/App";
import { createQueryClient } from "../app/queryClient";
import { caseKeys } from "../cases/queries";
import { lockBook } from "./lock";
import { useAutoLock } from "./useAutoLock";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    appInfo: vi.fn(),
    protect: vi.fn(),
    unlock: vi.fn(),
    lockNow: vi.fn(),
    lockSettings: vi.fn(),
    setInterfaceLanguage: vi.fn(),
    listCases: vi.fn(),
    statusCounts: vi.fn(),
    listDepartments: vi.fn(),
    listTags: vi.fn(),
    dueCounts: vi.fn(),
  };
});

const info = (access: backend.AccessState, lock_notice: backend.AppInfo["lock_notice"] = null): backend.AppInfo => ({
  lock_notice,
  version: "0.1.0",
  data_dir: "/d",
  database_path: "/d/casebook.sqlite3",
  access,
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.listCases).mockResolvedValue({ total: 0, offset: 0, items: [] });
  vi.mocked(backend.statusCounts).mockResolvedValue({ new: 0, drafting: 0, answered: 0, closed: 0, all: 0 });
  vi.mocked(backend.listDepartments).mockResolvedValue([]);
  vi.mocked(backend.listTags).mockResolvedValue([]);
  vi.mocked(backend.dueCounts).mockResolvedValue({ overdue: 0, today: 0 });
  vi.mocked(backend.lockSettings).mockResolvedValue({ minutes: 10 });
  vi.mocked(backend.lockNow).mockResolvedValue();
});

describe("set-up", () => {
  it("asks for the passphrase twice, then shows the recovery code until it is confirmed", async () => {
    vi.mocked(backend.appInfo).mockResolvedValue(info("new"));
    vi.mocked(backend.protect).mockResolvedValue({
      recovery_code: "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01",
      key_store_kept: false,
      was_plaintext: false,
    });
    render(<App />);
    fireEvent.change(await screen.findByTestId("setup-passphrase"), { target: { value: "一句好記的話 ok" } });
    fireEvent.change(screen.getByTestId("setup-repeat"), { target: { value: "一句好記的話 no" } });
    fireEvent.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByTestId("setup-error")).toHaveTextContent("not the same");
    expect(backend.protect).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId("setup-repeat"), { target: { value: "一句好記的話 ok" } });
    fireEvent.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByTestId("recovery-code")).toHaveTextContent("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01");
    expect(backend.protect).toHaveBeenCalledWith("一句好記的話 ok");
    expect(screen.getByTestId("no-key-store")).toBeInTheDocument();
    expect(screen.getByTestId("recovery-done")).toBeDisabled();

    vi.mocked(backend.appInfo).mockResolvedValue(info("open"));
    fireEvent.click(screen.getByTestId("recovery-kept"));
    fireEvent.click(screen.getByTestId("recovery-done"));
    expect(await screen.findByTestId("inbox")).toBeInTheDocument();
  });

  it("shows the core's refusal of a short passphrase", async () => {
    vi.mocked(backend.appInfo).mockResolvedValue(info("plaintext"));
    vi.mocked(backend.protect).mockRejectedValue(
      new backend.BackendError("invalid", "The passphrase needs at least 8 characters.", "passphrase"),
    );
    render(<App />);
    expect(await screen.findByTestId("setup-screen")).toHaveTextContent("your cases stay as they are");
    fireEvent.change(screen.getByTestId("setup-passphrase"), { target: { value: "short" } });
    fireEvent.change(screen.getByTestId("setup-repeat"), { target: { value: "short" } });
    fireEvent.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByTestId("setup-error")).toHaveTextContent("at least 8 characters");
    expect(screen.getByTestId("setup-passphrase")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("lock screen", () => {
  it("says a wrong passphrase is wrong and opens the shell with the right one", async () => {
    vi.mocked(backend.appInfo).mockResolvedValue(info("locked"));
    vi.mocked(backend.unlock).mockRejectedValueOnce(
      new backend.BackendError("invalid", "That passphrase or recovery code does not unlock this case book.", "secret"),
    );
    render(<App />);
    const field = await screen.findByTestId("unlock-secret");
    expect(screen.queryByTestId("inbox")).toBeNull();
    fireEvent.change(field, { target: { value: "wrong guess" } });
    fireEvent.click(screen.getByTestId("unlock-submit"));
    expect(await screen.findByTestId("unlock-error")).toHaveTextContent("does not unlock");

    vi.mocked(backend.unlock).mockResolvedValueOnce({ with_recovery_code: false });
    vi.mocked(backend.appInfo).mockResolvedValue(info("open"));
    fireEvent.change(field, { target: { value: "the right one" } });
    fireEvent.click(screen.getByTestId("unlock-submit"));
    expect(await screen.findByTestId("inbox")).toBeInTheDocument();
    expect(backend.unlock).toHaveBeenLastCalledWith("the right one");
  });

  it("says why the key store did not open the book, in the core's words", async () => {
    vi.mocked(backend.appInfo).mockResolvedValue(
      info("locked", { key: "keys.store_no_entry", args: { store: "Secret Service (GNOME Keyring, KWallet)" } }),
    );
    render(<App />);
    expect(await screen.findByTestId("key-store-notice")).toHaveTextContent(
      "Secret Service (GNOME Keyring, KWallet) no longer holds Casebook's key",
    );
  });

  it("replaces the shell when any command answers `locked`", async () => {
    vi.mocked(backend.appInfo).mockResolvedValueOnce(info("open")).mockResolvedValue(info("locked"));
    vi.mocked(backend.listCases).mockRejectedValue(new backend.BackendError("locked", "The case book is locked."));
    render(<App />);
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });
});

describe("locking", () => {
  it("waits for running saves, then locks and forgets every cached case", async () => {
    const client = new QueryClient();
    client.setQueryData(caseKeys.appInfo, info("open"));
    client.setQueryData(caseKeys.detail(7), { title: "a patient's words" });
    let finishSave = () => {};
    const save = client.getMutationCache().build(client, {
      mutationFn: () => new Promise<void>((resolve) => (finishSave = resolve)),
    });
    const saving = save.execute(undefined);
    const locking = lockBook(client, "manual");
    expect(client.getQueryData<backend.AppInfo>(caseKeys.appInfo)?.access).toBe("locked");
    await new Promise((r) => setTimeout(r, 120));
    expect(backend.lockNow).not.toHaveBeenCalled();
    finishSave();
    await saving;
    await locking;
    expect(backend.lockNow).toHaveBeenCalledWith("manual");
    expect(client.getQueryData(caseKeys.detail(7))).toBeUndefined();
    expect(client.getQueryData(caseKeys.appInfo)).toBeDefined();
  });

  it("locks after the lock time without input, and at once on Ctrl+L", async () => {
    vi.useFakeTimers();
    try {
      const client = createQueryClient();
      client.setQueryData(caseKeys.appInfo, info("open"));
      vi.mocked(backend.lockSettings).mockResolvedValue({ minutes: 1 });
      function Probe() {
        useAutoLock();
        return null;
      }
      render(
        <QueryClientProvider client={client}>
          <Probe />
        </QueryClientProvider>,
      );
      await act(async () => {
        await vi.advanceTimersByTimeAsync(30_000);
      });
      fireEvent.keyDown(window, { key: "a" });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(45_000);
      });
      expect(backend.lockNow).not.toHaveBeenCalled();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(20_000);
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1_000);
      });
      expect(backend.lockNow).toHaveBeenCalledWith("inactivity");

      vi.mocked(backend.lockNow).mockClear();
      client.setQueryData(caseKeys.appInfo, info("open"));
      fireEvent.keyDown(window, { key: "l", ctrlKey: true });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1_000);
      });
      expect(backend.lockNow).toHaveBeenCalledWith("manual");
    } finally {
      vi.useRealTimers();
    }
  });
});
