import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { renderWithProviders } from "../test/render";
import { ExportCaseButton } from "./ExportCaseButton";
import { ExportImportDialog } from "./ExportImportDialog";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    listDepartments: vi.fn(() => Promise.resolve(["Neurology"])),
    exportSettings: vi.fn(() => Promise.resolve({ paper: "a4", pdfa: false })),
    setExportSettings: vi.fn((s: backend.PdfSettings) => Promise.resolve(s)),
    exportCasePdf: vi.fn(),
    chooseExportFolder: vi.fn(),
    planPdfFolder: vi.fn(),
    exportPdfFolder: vi.fn(),
    chooseImportFile: vi.fn(),
    previewImport: vi.fn(),
    applyImport: vi.fn(),
    cancelJob: vi.fn(),
  };
});

const b = vi.mocked(backend);

beforeEach(() => vi.clearAllMocks());

describe("ExportCaseButton", () => {
  it("says where the PDF went, and nothing when the dialog was closed", async () => {
    b.exportCasePdf.mockResolvedValueOnce(null).mockResolvedValueOnce("/tmp/demo_2023-02-02.pdf");
    renderWithProviders(<ExportCaseButton caseId={5} />);
    const button = screen.getByTestId("export-pdf");
    await userEvent.click(button);
    await waitFor(() => expect(b.exportCasePdf).toHaveBeenCalledWith(5));
    expect(screen.queryByTestId("export-pdf-done")).toBeNull();
    await userEvent.click(button);
    expect(await screen.findByTestId("export-pdf-done")).toHaveTextContent("/tmp/demo_2023-02-02.pdf");
  });
});

describe("ExportImportDialog", () => {
  it("asks before replacing files that already exist in the folder", async () => {
    b.chooseExportFolder.mockResolvedValue("/out");
    b.planPdfFolder.mockResolvedValue([
      { case_id: 1, file_name: "a.pdf", exists: true },
      { case_id: 2, file_name: "b.pdf", exists: false },
    ]);
    b.exportPdfFolder.mockImplementation((_s, _f, _o, _job, onProgress) => {
      onProgress({ done: 2, total: 2 });
      return Promise.resolve({ written: ["/out/a.pdf", "/out/b.pdf"], cancelled: false });
    });
    renderWithProviders(<ExportImportDialog />);
    await userEvent.click(screen.getByTestId("open-export"));
    // The dialog says first that exports leave the encryption behind.
    expect(await screen.findByTestId("export-plaintext-note")).toHaveTextContent("not encrypted");
    await userEvent.click(await screen.findByTestId("export-folder"));
    const confirm = await screen.findByTestId("replace-confirm");
    expect(confirm).toHaveTextContent("1 file already exists");
    expect(b.exportPdfFolder).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Replace" }));
    await waitFor(() => expect(b.exportPdfFolder).toHaveBeenCalledWith(
      { ids: null, since: null, until: null, department: null },
      "/out",
      true,
      expect.any(String),
      expect.any(Function),
    ));
    expect(await screen.findByTestId("export-outcome")).toHaveTextContent("Wrote 2 files.");
  });

  it("previews an import with line numbers before writing anything", async () => {
    b.chooseImportFile.mockResolvedValue("/in/cases.jsonl");
    b.previewImport.mockResolvedValue({
      imported: 2,
      already_present: 1,
      cancelled: false,
      invalid: [
        {
          line: 4,
          field: null,
          message: { key: "import.not_a_record", args: { detail: "missing field `body`" } },
        },
        { line: 7, field: "reply.body", message: { key: "import.reply_empty", args: {} } },
      ],
    });
    b.applyImport.mockResolvedValue({ imported: 2, already_present: 1, invalid: [], cancelled: false });
    renderWithProviders(<ExportImportDialog />);
    await userEvent.click(screen.getByTestId("open-export"));
    await userEvent.click(await screen.findByTestId("import-choose"));
    const preview = await screen.findByTestId("import-preview");
    expect(preview).toHaveTextContent("2 new, 1 already present, 2 invalid.");
    // The core's message keys, said in the interface language.
    expect(preview).toHaveTextContent("Line 4: Not a valid case record: missing field `body`");
    expect(preview).toHaveTextContent("Line 7: reply.body: The reply text is empty.");
    expect(b.applyImport).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId("import-apply"));
    expect(await screen.findByTestId("import-done")).toHaveTextContent("Imported 2 cases.");
    expect(b.applyImport).toHaveBeenCalledWith("/in/cases.jsonl", expect.any(String), expect.any(Function));
  });

  it("cancels a running import, which writes nothing and keeps the preview", async () => {
    b.chooseImportFile.mockResolvedValue("/in/big.jsonl");
    b.previewImport.mockResolvedValue({ imported: 5000, already_present: 0, invalid: [], cancelled: false });
    let finish: (report: backend.ImportReport) => void = () => undefined;
    b.applyImport.mockImplementation((_path, _job, onProgress) => {
      onProgress({ done: 500, total: 5000 });
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    b.cancelJob.mockImplementation(() => {
      finish({ imported: 0, already_present: 0, invalid: [], cancelled: true });
      return Promise.resolve(true);
    });
    renderWithProviders(<ExportImportDialog />);
    await userEvent.click(screen.getByTestId("open-export"));
    await userEvent.click(await screen.findByTestId("import-choose"));
    await userEvent.click(await screen.findByTestId("import-apply"));
    expect(await screen.findByTestId("import-progress")).toHaveTextContent("500 of 5000");
    await userEvent.click(screen.getByTestId("import-cancel"));
    const job = b.applyImport.mock.calls[0]?.[1];
    expect(b.cancelJob).toHaveBeenCalledWith(job);
    expect(await screen.findByTestId("import-done")).toHaveTextContent("Import cancelled. Nothing was written.");
    expect(screen.getByTestId("import-preview")).toHaveTextContent("5000 new");
  });
});
