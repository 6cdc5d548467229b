//! The only module that talks to the Rust side. One typed function per Tauri
//! command; every failure is rethrown as a BackendError. Components and hooks
//! import from here and never call `invoke` themselves.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { CaseDetail } from "./bindings/CaseDetail";
import type { CaseFilter } from "./bindings/CaseFilter";
import type { CasePage } from "./bindings/CasePage";
import type { QuestionInput } from "./bindings/QuestionInput";
import type { StatusCounts } from "./bindings/StatusCounts";
import { i18n } from "../i18n";
import { BackendError, toBackendError } from "./error";

export { BackendError, hasCode, toBackendError } from "./error";
export type { AppInfo } from "./bindings/AppInfo";
export type { CaseDetail } from "./bindings/CaseDetail";
export type { CaseFilter } from "./bindings/CaseFilter";
export type { CasePage } from "./bindings/CasePage";
export type { CaseStatus } from "./bindings/CaseStatus";
export type { CaseSummary } from "./bindings/CaseSummary";
export type { ErrorCode } from "./bindings/ErrorCode";
export type { Question } from "./bindings/Question";
export type { QuestionInput } from "./bindings/QuestionInput";
export type { Reply } from "./bindings/Reply";
export type { Sex } from "./bindings/Sex";
export type { StatusCounts } from "./bindings/StatusCounts";

/** The most rows `list_cases` returns in one call. */
export const MAX_PAGE_SIZE = 200;

/** Whether the page runs inside the Tauri webview (or under its IPC mocks). */
function hasTauriRuntime(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    // Outside the webview `invoke` fails with a TypeError; say so plainly.
    if (raw instanceof Error && !hasTauriRuntime()) {
      throw new BackendError("unavailable", i18n.t("errors.noRuntime"));
    }
    throw toBackendError(raw, command);
  }
}

export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

export function listCases(filter: CaseFilter, offset: number, limit: number): Promise<CasePage> {
  return call<CasePage>("list_cases", { filter, offset, limit: Math.min(limit, MAX_PAGE_SIZE) });
}

export function statusCounts(filter: CaseFilter): Promise<StatusCounts> {
  return call<StatusCounts>("status_counts", { filter });
}

export function getCase(id: number): Promise<CaseDetail> {
  return call<CaseDetail>("get_case", { id });
}

export function createCase(question: QuestionInput): Promise<CaseDetail> {
  return call<CaseDetail>("create_case", { question });
}

export function updateCase(id: number, question: QuestionInput): Promise<CaseDetail> {
  return call<CaseDetail>("update_case", { id, question });
}

export async function deleteCase(id: number): Promise<void> {
  await call<null>("delete_case", { id });
}

export function listDepartments(): Promise<string[]> {
  return call<string[]>("list_departments");
}

export function listTags(): Promise<string[]> {
  return call<string[]>("list_tags");
}
