import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { App } from "./App";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    appInfo: vi.fn(),
    listCases: vi.fn(),
    statusCounts: vi.fn(),
    listDepartments: vi.fn(),
    listTags: vi.fn(),
    dueCounts: vi.fn(),
    lockSettings: vi.fn(),
  };
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.listCases).mockResolvedValue({ total: 0, offset: 0, items: [] });
  vi.mocked(backend.statusCounts).mockResolvedValue({ new: 3, drafting: 1, answered: 2, closed: 0, all: 6 });
  vi.mocked(backend.listDepartments).mockResolvedValue(["Neurology"]);
  vi.mocked(backend.listTags).mockResolvedValue([]);
  vi.mocked(backend.dueCounts).mockResolvedValue({ overdue: 0, today: 0 });
  vi.mocked(backend.lockSettings).mockResolvedValue({ minutes: 10 });
});

describe("App", () => {
  it("shows a full-window start-up error when the data folder cannot be opened", async () => {
    vi.mocked(backend.appInfo).mockRejectedValue(
      new backend.BackendError("unavailable", "Cannot open /data/casebook.sqlite: permission denied"),
    );
    render(<App />);
    expect(await screen.findByTestId("startup-error")).toHaveTextContent(
      "Cannot open /data/casebook.sqlite: permission denied",
    );
    expect(screen.queryByTestId("inbox")).toBeNull();
  });

  it("shows the shell with status counts once the backend is up", async () => {
    vi.mocked(backend.appInfo).mockResolvedValue({
      version: "0.1.0",
      data_dir: "/tmp/x",
      database_path: "/tmp/x/casebook.sqlite",
      lock_notice: null,
      access: "open",
    });
    render(<App />);
    expect(await screen.findByTestId("inbox")).toBeInTheDocument();
    expect(await screen.findByTestId("count-new")).toHaveTextContent("3");
    expect(screen.getByTestId("count-all")).toHaveTextContent("6");
    expect(screen.getByTestId("new-case")).toBeInTheDocument();
    expect(screen.getByLabelText("Department")).toBeInTheDocument();
    expect(screen.getByLabelText("Tag")).toBeInTheDocument();
  });
});
