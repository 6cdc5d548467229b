import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { renderWithProviders } from "../test/render";
import { TemplatePicker } from "./TemplatePicker";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return { ...actual, listTemplates: vi.fn() };
});

function template(id: number, name: string, trigger: string | null): backend.Template {
  return { id, name, trigger } as backend.Template;
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.listTemplates).mockImplementation((query: string) =>
    Promise.resolve(
      [template(1, "Caffeine advice", "caffeine"), template(2, "Neurology reply", null)].filter((t) =>
        t.name.toLowerCase().includes(query.toLowerCase()),
      ),
    ),
  );
});

describe("TemplatePicker", () => {
  it("inserts the first match with Enter after typing", async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    renderWithProviders(<TemplatePicker department="Neurology" onPick={onPick} />);
    await user.click(screen.getByTestId("insert-template"));
    await user.keyboard("neuro");
    await waitFor(() => expect(screen.getAllByTestId("template-option")).toHaveLength(1));
    await user.keyboard("{Enter}");
    expect(onPick).toHaveBeenCalledWith(2);
    expect(screen.queryByTestId("template-picker")).toBeNull();
  });

  it("moves through the list with the arrow keys and closes with Escape", async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    renderWithProviders(<TemplatePicker department={null} onPick={onPick} />);
    await user.click(screen.getByTestId("insert-template"));
    await waitFor(() => expect(screen.getAllByTestId("template-option")).toHaveLength(2));
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(document.activeElement).toHaveAttribute("data-name", "Neurology reply");
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(document.activeElement).toBe(screen.getByTestId("template-search"));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("template-picker")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("insert-template"));
    expect(onPick).not.toHaveBeenCalled();
  });
});
