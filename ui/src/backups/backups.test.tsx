import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { createQueryClient } from "../app/queryClient";
import { BackupSettings } from "./BackupSettings";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    backupOverview: vi.fn(),
    backUpNow: vi.fn(),
    restoreBackup: vi.fn(),
    chooseBackupFolder: vi.fn(),
    resetBackupFolder: vi.fn(),
  };
});

const older: backend.BackupInfo = {
  folder: "/d/backups/casebook-20261201-093000",
  created_at: "2026-12-01T09:30:00.000Z",
  reason: "automatic",
  cases: 7,
  size: 2_400_000,
};
const safety: backend.BackupInfo = {
  folder: "/d/backups/casebook-20261202-101500",
  created_at: "2026-12-02T10:15:00.000Z",
  reason: "before_restore",
  cases: 8,
  size: 2_500_000,
};

function renderSettings() {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <BackupSettings />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.backupOverview).mockResolvedValue({
    folder: "/d/backups",
    chosen: false,
    backups: [older],
    last_failure: null,
  });
});

describe("backups in settings", () => {
  it("lists each backup with why it was made and how many cases it holds", async () => {
    renderSettings();
    const row = await screen.findByTestId("backup-row");
    expect(row).toHaveTextContent("Automatic");
    expect(row).toHaveTextContent("7 cases");
    expect(row).toHaveTextContent("2.4 MB");
    expect(screen.getByTestId("backup-folder")).toHaveTextContent("/d/backups");
    expect(screen.queryByTestId("backup-default-folder")).toBeNull();
  });

  it("restores only after a second, named click and shows the way back", async () => {
    vi.mocked(backend.restoreBackup).mockResolvedValue(safety);
    renderSettings();
    fireEvent.click(await screen.findByTestId("backup-restore"));
    expect(backend.restoreBackup).not.toHaveBeenCalled();
    const confirm = screen.getByTestId("backup-restore-confirm");
    expect(confirm).toHaveTextContent("backed up first");
    fireEvent.click(within(confirm).getByTestId("backup-restore-go"));
    expect(await screen.findByTestId("backup-restored")).toHaveTextContent("Restored the backup from");
    expect(backend.restoreBackup).toHaveBeenCalledWith(older.folder);
  });

  it("says why a backup or a restore failed", async () => {
    vi.mocked(backend.backupOverview).mockResolvedValue({
      folder: "/media/usb",
      chosen: true,
      backups: [older],
      last_failure: {
        code: "invalid",
        message: "Casebook cannot write backups to /media/usb: the disk is full.",
        text: {
          key: "backup.folder_not_writable",
          args: { folder: "/media/usb", reason: { key: "error.disk_full", args: {} } },
        },
        field: "folder",
      },
    });
    vi.mocked(backend.restoreBackup).mockRejectedValue(
      new backend.BackendError("conflict", "The backup is of another case book.", null),
    );
    renderSettings();
    expect(await screen.findByTestId("backup-failure")).toHaveTextContent("cannot write backups to /media/usb");
    expect(screen.getByTestId("backup-default-folder")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("backup-restore"));
    fireEvent.click(screen.getByTestId("backup-restore-go"));
    expect(await screen.findByText("The backup is of another case book.")).toBeInTheDocument();
  });
});
