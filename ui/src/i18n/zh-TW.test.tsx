// Every screen and dialog rendered in Traditional Chinese, with a backend
// that has something to show everywhere. The test set-up throws on a missing
// translation key, so a key that zh-TW lacks fails here; the assertions
// check that the Chinese words are the ones on screen.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import type { CaseDetail, DueItem } from "../backend";
import { Sidebar } from "../app/Sidebar";
import { CaseForm } from "../cases/CaseForm";
import { rememberNewCaseDraft } from "../cases/formModel";
import { CaseView } from "../cases/CaseView";
import { Inbox } from "../cases/Inbox";
import { FollowUpsView } from "../followups/FollowUpsView";
import { ProfileSettings } from "../profile/ProfileSettings";
import { SearchView } from "../search/SearchView";
import { TemplateLibrary } from "../templates/TemplateLibrary";
import { renderWithProviders } from "../test/render";
import { chooseLanguage, i18n } from "./index";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  const mocked: Partial<Record<keyof typeof actual, unknown>> = {};
  for (const [name, value] of Object.entries(actual)) {
    if (typeof value === "function" && /^[a-z]/.test(name) && name !== "hasCode") mocked[name as keyof typeof actual] = vi.fn();
  }
  return { ...actual, ...mocked };
});

const ALL = { status: null, department: null, tag: null };

const answered: CaseDetail = {
  id: 1,
  status: "answered",
  question: {
    title: "顏面抽搐，需要看神經內科嗎？",
    body: "醫師您好，昨天上班時開始覺得左側鼻樑的肌肉會抽動。",
    asker: "田小姐",
    sex: "female",
    age_range: "30-39",
    asked_on: "2023-02-02",
    department: "Neurology",
    tags: ["顏面抽搐"],
    source: "網路諮詢",
    external_id: null,
  },
  reply: {
    body: "田小姐您好：建議減少咖啡因攝取。",
    clinician: "江醫師",
    affiliation: "桃園醫院",
    signature: "江醫師",
    replied_on: "2023-02-02",
    more_info: null,
    locked_at: "2023-02-02T10:00:00Z",
  },
  created_at: "2023-02-02T09:00:00Z",
  updated_at: "2023-02-02T10:00:00Z",
};

const fresh: CaseDetail = { ...answered, id: 2, status: "new", reply: null };

const due: DueItem = {
  id: 7,
  case_id: 1,
  case_title: answered.question.title,
  asker: "田小姐",
  department: "Neurology",
  due_on: "2023-02-09",
  due_time: null,
  reason: "確認抽搐是否改善",
  state: "pending",
};

beforeEach(async () => {
  vi.clearAllMocks();
  rememberNewCaseDraft(null);
  const b = vi.mocked(backend);
  b.findBlanks.mockResolvedValue([]);
  b.listCases.mockResolvedValue({
    total: 2,
    offset: 0,
    items: [answered, fresh].map((c) => ({
      id: c.id,
      status: c.status,
      title: c.question.title,
      asker: c.question.asker,
      department: c.question.department,
      asked_on: c.question.asked_on,
      tags: c.question.tags,
      excerpt: c.question.body,
    })),
  });
  b.statusCounts.mockResolvedValue({ new: 1, drafting: 0, answered: 1, closed: 0, all: 2 });
  b.listDepartments.mockResolvedValue(["Neurology", "家庭醫學科"]);
  b.listTags.mockResolvedValue(["顏面抽搐"]);
  b.dueCounts.mockResolvedValue({ overdue: 1, today: 2 });
  b.getCase.mockImplementation((id) => Promise.resolve(id === 1 ? answered : fresh));
  b.getReply.mockImplementation((id) =>
    Promise.resolve({
      case_id: id,
      status: id === 1 ? "answered" : "new",
      body: id === 1 ? (answered.reply?.body ?? "") : "",
      locked_at: id === 1 ? "2023-02-02T10:00:00Z" : null,
      clinician: null,
      affiliation: null,
      signature: null,
      replied_on: null,
      updated_at: null,
      blanks: [],
      addenda: [{ id: 1, body: "補充：一週後未改善請回診。", clinician: "江醫師", created_at: "2023-02-03T01:00:00Z" }],
    }),
  );
  b.listRevisions.mockResolvedValue([{ id: 1, body: "草稿", reason: "edit", saved_at: "2023-02-02T09:30:00Z" }]);
  b.auditTrail.mockResolvedValue([
    { id: 1, kind: "created", actor: null, detail: "", at: "2023-02-02T09:00:00Z" },
    { id: 2, kind: "answered", actor: "江醫師", detail: "", at: "2023-02-02T10:00:00Z" },
  ]);
  b.listFollowUps.mockResolvedValue([
    {
      id: 7,
      case_id: 1,
      due_on: "2023-02-09",
      due_time: null,
      reason: due.reason,
      state: "pending",
      created_at: "2023-02-02T10:00:00Z",
      updated_at: "2023-02-02T10:00:00Z",
      history: [{ from_on: "2023-02-05", from_time: null, to_on: "2023-02-09", to_time: null, changed_at: "2023-02-02T10:00:00Z" }],
    },
  ]);
  b.similarCases.mockResolvedValue([
    {
      id: 3,
      title: "眼皮跳動",
      department: "Neurology",
      asked_on: "2022-12-01",
      tags: [],
      clinician: "江醫師",
      reply_start: "您好",
    },
  ]);
  b.dueList.mockResolvedValue({
    today: "2023-02-09",
    groups: (["overdue", "today", "this_week", "later", "done"] as const).map((bucket) => ({
      bucket,
      total: bucket === "today" ? 3 : 0,
      items: bucket === "today" ? [due] : [],
    })),
  });
  b.reminderSettings.mockResolvedValue({ notifications: true });
  b.searchCases.mockResolvedValue({
    hits: [
      {
        id: 1,
        status: "answered",
        title: [{ text: "顏面抽搐", highlight: true }],
        asker: "田小姐",
        department: "Neurology",
        asked_on: "2023-02-02",
        tags: ["顏面抽搐"],
        snippet: [{ text: "減少咖啡因", highlight: false }],
        snippet_source: "reply",
      },
    ],
    matched: "any",
    truncated: true,
  });
  b.listTemplates.mockResolvedValue([
    { id: 1, name: "神經內科回覆", department: null, trigger: "neuro", body: "您好", updated_at: "2023-01-01T00:00:00Z" },
  ]);
  b.getProfile.mockResolvedValue({ name: "江醫師", title: "主治醫師", affiliation: "桃園醫院", signature: "", closing: "" });
  b.getInterfaceLanguage.mockResolvedValue("zh-TW");
  b.setInterfaceLanguage.mockImplementation((language) => Promise.resolve(language));
  b.exportSettings.mockResolvedValue({ paper: "a4", pdfa: false });
  await chooseLanguage("zh-TW");
});

describe("the interface in Traditional Chinese", () => {
  it("shows the sidebar and the inbox", async () => {
    renderWithProviders(
      <>
        <Sidebar filter={ALL} onFilterChange={() => {}} />
        <Inbox filter={ALL} />
      </>,
    );
    expect(screen.getByTestId("new-case")).toHaveTextContent("新增提問");
    await waitFor(() => expect(screen.getByTestId("count-new")).toHaveTextContent("1"));
    expect(screen.getByTestId("status-answered")).toHaveTextContent("已回覆");
    expect(screen.getByLabelText("科別")).toBeInTheDocument();
    expect(screen.getByPlaceholderText("搜尋病例（Ctrl+K）")).toBeInTheDocument();
    expect(await screen.findByText("2 筆病例")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("count-overdue")).toHaveAttribute("aria-label", "1 筆追蹤已逾期"));
    expect(screen.getByTestId("count-today")).toHaveAttribute("aria-label", "今天有 2 筆追蹤到期");
    expect(document.documentElement.lang).toBe("zh-Hant-TW");
  });

  it("shows an answered case with its reply, addenda, audit trail, follow-ups and similar cases", async () => {
    renderWithProviders(<CaseView caseId={1} />);
    expect(await screen.findByTestId("case-title")).toHaveTextContent(answered.question.title);
    expect(screen.getByText("提問日期")).toBeInTheDocument();
    expect(screen.getByText("神經內科")).toBeInTheDocument(); // stored as "Neurology"
    expect(await screen.findByText("補充說明")).toBeInTheDocument();
    expect(await screen.findByText("稽核紀錄")).toBeInTheDocument();
    expect(await screen.findByText("相似病例")).toBeInTheDocument();
    expect(await screen.findByText(due.reason)).toBeInTheDocument();
    expect(screen.getAllByText("女").length).toBeGreaterThan(0);
  });

  it("shows a new case with the reply editor, its history and the delete dialog", async () => {
    const user = userEvent.setup();
    renderWithProviders(<CaseView caseId={2} />);
    expect(await screen.findByText("回覆草稿")).toBeInTheDocument();
    expect(screen.getByTestId("insert-template")).toHaveTextContent("插入範本…");
    await user.click(screen.getByText("版本紀錄"));
    await user.click(screen.getByTestId("insert-template"));
    expect(await screen.findByText("神經內科回覆")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "刪除" }));
    const dialog = await screen.findByRole("alertdialog");
    expect(within(dialog).getByText("要刪除這則病例嗎？")).toBeInTheDocument();
  });

  it("shows the new-question form and its messages", async () => {
    const user = userEvent.setup();
    renderWithProviders(<CaseForm caseId={null} />);
    expect(screen.getByText("標題")).toBeInTheDocument();
    expect(screen.getByText("提問者（暱稱）")).toBeInTheDocument();
    await user.click(screen.getByTestId("save-case"));
    expect(await screen.findByTestId("error-title")).toHaveTextContent("請輸入標題。");
  });

  it("shows the follow-ups view, the follow-up dialog and the calendar export", async () => {
    const user = userEvent.setup();
    renderWithProviders(<FollowUpsView />);
    expect(await screen.findByText("今天是 2023-02-09")).toBeInTheDocument();
    expect(screen.getByText("還有 2 筆")).toBeInTheDocument();
    await user.click(screen.getByText("匯出至行事曆…"));
    expect(await screen.findByText("匯出待追蹤項目")).toBeInTheDocument();
  });

  it("shows the follow-up dialog of a case", async () => {
    const user = userEvent.setup();
    renderWithProviders(<CaseView caseId={2} />);
    await user.click(await screen.findByRole("button", { name: "新增追蹤" }));
    expect(await screen.findByTestId("follow-up-dialog")).toHaveTextContent("3 天後");
  });

  it("shows search results with their notes", async () => {
    renderWithProviders(<SearchView query="顏面 抽搐" />);
    expect(await screen.findByText("搜尋內容過長，只使用了開頭的部分。")).toBeInTheDocument();
    expect(screen.getByText("1 筆符合")).toBeInTheDocument();
  });

  it("shows the template library", async () => {
    renderWithProviders(<TemplateLibrary />);
    expect(await screen.findByText("神經內科回覆")).toBeInTheDocument();
    expect(screen.getAllByText("範本").length).toBeGreaterThan(0);
  });

  it("shows the settings and the export dialog", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <Sidebar filter={ALL} onFilterChange={() => {}} />
        <ProfileSettings />
      </>,
    );
    expect(await screen.findByText("醫師個人資料")).toBeInTheDocument();
    expect(screen.getByLabelText("介面語言")).toHaveValue("zh-TW");
    await user.click(screen.getByText("匯出／匯入…"));
    expect(await screen.findByText("已回覆病例的 PDF")).toBeInTheDocument();
  });

  it("switches to English at once from the settings, and stores the choice", async () => {
    const user = userEvent.setup();
    renderWithProviders(<ProfileSettings />);
    const select = await screen.findByLabelText("介面語言");
    await waitFor(() => expect(select).toHaveValue("zh-TW"));
    await user.selectOptions(select, "en");
    expect(await screen.findByText("Clinician profile")).toBeInTheDocument();
    expect(backend.setInterfaceLanguage).toHaveBeenCalledWith("en");
    expect(i18n.language).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });
});
