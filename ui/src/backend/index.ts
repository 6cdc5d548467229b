//! The only module that talks to the Rust side. One typed function per Tauri
//! command; every failure is rethrown as a BackendError. Components and hooks
//! import from here and never call `invoke` themselves.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { AccessEvent } from "./bindings/AccessEvent";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { BackupOverview } from "./bindings/BackupOverview";
import type { LockReason } from "./bindings/LockReason";
import type { LockSettings } from "./bindings/LockSettings";
import type { ProtectOutcome } from "./bindings/ProtectOutcome";
import type { UnlockOutcome } from "./bindings/UnlockOutcome";
import type { CaseDetail } from "./bindings/CaseDetail";
import type { CaseFilter } from "./bindings/CaseFilter";
import type { CasePage } from "./bindings/CasePage";
import type { QuestionInput } from "./bindings/QuestionInput";
import type { StatusCounts } from "./bindings/StatusCounts";
import type { SearchRequest } from "./bindings/SearchRequest";
import type { SearchResults } from "./bindings/SearchResults";
import type { SimilarCase } from "./bindings/SimilarCase";
import type { StartingReply } from "./bindings/StartingReply";
import type { CalendarExport } from "./bindings/CalendarExport";
import type { CalendarSaved } from "./bindings/CalendarSaved";
import type { DueCounts } from "./bindings/DueCounts";
import type { DueList } from "./bindings/DueList";
import type { FollowUp } from "./bindings/FollowUp";
import type { FollowUpInput } from "./bindings/FollowUpInput";
import type { FollowUpState } from "./bindings/FollowUpState";
import type { ReminderSettings } from "./bindings/ReminderSettings";
import type { BatchOutcome } from "./bindings/BatchOutcome";
import type { BatchSelection } from "./bindings/BatchSelection";
import type { ImportReport } from "./bindings/ImportReport";
import type { PdfSettings } from "./bindings/PdfSettings";
import type { PlannedFile } from "./bindings/PlannedFile";
import type { Progress } from "./bindings/Progress";
import type { RecordsFormat } from "./bindings/RecordsFormat";
import type { Addendum } from "./bindings/Addendum";
import type { Blank } from "./bindings/Blank";
import type { AuditEvent } from "./bindings/AuditEvent";
import type { ClinicianProfile } from "./bindings/ClinicianProfile";
import type { Rendered } from "./bindings/Rendered";
import type { ReplyView } from "./bindings/ReplyView";
import type { Revision } from "./bindings/Revision";
import type { SavedDraft } from "./bindings/SavedDraft";
import type { Template } from "./bindings/Template";
import type { TemplateInput } from "./bindings/TemplateInput";
import { i18n } from "../i18n";
import { firstPageArrived, markFirstPage, scriptStarted } from "../launchClock";
import type { LaunchMarks } from "./bindings/LaunchMarks";
import { BackendError, toBackendError } from "./error";

export { BackendError, hasCode, toBackendError } from "./error";
export type { AppInfo } from "./bindings/AppInfo";
export type { AccessEvent } from "./bindings/AccessEvent";
export type { BackupInfo } from "./bindings/BackupInfo";
export type { BackupOverview } from "./bindings/BackupOverview";
export type { BackupReason } from "./bindings/BackupReason";
export type { AccessKind } from "./bindings/AccessKind";
export type { AccessState } from "./bindings/AccessState";
export type { LockReason } from "./bindings/LockReason";
export type { LockSettings } from "./bindings/LockSettings";
export type { ProtectOutcome } from "./bindings/ProtectOutcome";
export type { UnlockOutcome } from "./bindings/UnlockOutcome";
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
export type { MatchKind } from "./bindings/MatchKind";
export type { SearchHit } from "./bindings/SearchHit";
export type { SearchRequest } from "./bindings/SearchRequest";
export type { SearchResults } from "./bindings/SearchResults";
export type { Segment } from "./bindings/Segment";
export type { SimilarCase } from "./bindings/SimilarCase";
export type { SnippetSource } from "./bindings/SnippetSource";
export type { StartingReply } from "./bindings/StartingReply";
export type { CalendarExport } from "./bindings/CalendarExport";
export type { DueBucket } from "./bindings/DueBucket";
export type { DueCounts } from "./bindings/DueCounts";
export type { DueGroup } from "./bindings/DueGroup";
export type { DueItem } from "./bindings/DueItem";
export type { DueList } from "./bindings/DueList";
export type { FollowUp } from "./bindings/FollowUp";
export type { FollowUpInput } from "./bindings/FollowUpInput";
export type { FollowUpState } from "./bindings/FollowUpState";
export type { ReminderSettings } from "./bindings/ReminderSettings";
export type { Reschedule } from "./bindings/Reschedule";
export type { BatchOutcome } from "./bindings/BatchOutcome";
export type { BatchSelection } from "./bindings/BatchSelection";
export type { ImportReport } from "./bindings/ImportReport";
export type { LineProblem } from "./bindings/LineProblem";
export type { Paper } from "./bindings/Paper";
export type { PdfSettings } from "./bindings/PdfSettings";
export type { PlannedFile } from "./bindings/PlannedFile";
export type { Progress } from "./bindings/Progress";
export type { RecordsFormat } from "./bindings/RecordsFormat";

export type { Addendum } from "./bindings/Addendum";
export type { AuditEvent } from "./bindings/AuditEvent";
export type { AuditKind } from "./bindings/AuditKind";
export type { Blank } from "./bindings/Blank";
export type { BlankKind } from "./bindings/BlankKind";
export type { ClinicianProfile } from "./bindings/ClinicianProfile";
export type { Rendered } from "./bindings/Rendered";
export type { ReplyView } from "./bindings/ReplyView";
export type { Revision } from "./bindings/Revision";
export type { SavedDraft } from "./bindings/SavedDraft";
export type { Template } from "./bindings/Template";
export type { TemplateInput } from "./bindings/TemplateInput";

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

/** Sets the case book up with a passphrase; the recovery code comes back once. */
export function protect(passphrase: string): Promise<ProtectOutcome> {
  return call<ProtectOutcome>("protect", { passphrase });
}

/** Unlocks with the passphrase or the recovery code (`invalid` on `secret` when wrong). */
export function unlock(secret: string): Promise<UnlockOutcome> {
  return call<UnlockOutcome>("unlock", { secret });
}

export async function lockNow(reason: LockReason): Promise<void> {
  await call<null>("lock_now", { reason });
}

/** `current` is the passphrase or the recovery code. */
export async function changePassphrase(current: string, next: string): Promise<void> {
  await call<null>("change_passphrase", { current, new: next });
}

/** Saves the recovery sheet for `code` through the save dialog; the path, or null when cancelled. */
export function saveRecoverySheet(code: string, language: string): Promise<string | null> {
  return call<string | null>("save_recovery_sheet", { code, language });
}

export function lockSettings(): Promise<LockSettings> {
  return call<LockSettings>("lock_settings");
}

export function setLockSettings(settings: LockSettings): Promise<LockSettings> {
  return call<LockSettings>("set_lock_settings", { settings });
}

/** The book's latest set-ups, unlocks, locks and passphrase changes, newest first. */
export function accessEvents(): Promise<AccessEvent[]> {
  return call<AccessEvent[]>("access_events");
}

/** Where backups go, and the backups there, newest first. */
export function backupOverview(): Promise<BackupOverview> {
  return call<BackupOverview>("backup_overview");
}

export function backUpNow(): Promise<BackupInfo> {
  return call<BackupInfo>("back_up_now");
}

/** Puts the backup in `folder` in place of the case book; returns the backup of the book as it was. */
export function restoreBackup(folder: string): Promise<BackupInfo> {
  return call<BackupInfo>("restore_backup", { folder });
}

/** Picks another backup folder (checked writable); null when cancelled. */
export function chooseBackupFolder(): Promise<string | null> {
  return call<string | null>("choose_backup_folder");
}

export async function resetBackupFolder(): Promise<void> {
  await call<null>("use_default_backup_folder");
}

let launchReported = false;

/**
 * Tells the backend, once per launch, that the inbox has painted its first
 * rows (after that frame), with the page's own launch marks. The backend
 * prints them when asked to (`CASEBOOK_REPORT_LAUNCH`), so
 * `npm run bench:app` can split a launch without a WebDriver in between.
 */
export function reportInboxShown(): void {
  if (launchReported || !hasTauriRuntime()) return;
  launchReported = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const rows = performance.timeOrigin + performance.now();
      const marks: LaunchMarks = {
        page: performance.timeOrigin,
        script: scriptStarted,
        data: firstPageArrived() ?? rows,
        rows,
      };
      invoke("inbox_shown", { marks }).catch(() => undefined);
    }, 0),
  );
}

export async function listCases(filter: CaseFilter, offset: number, limit: number): Promise<CasePage> {
  const page = await call<CasePage>("list_cases", { filter, offset, limit: Math.min(limit, MAX_PAGE_SIZE) });
  markFirstPage();
  return page;
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

// Follow-ups

export function listFollowUps(caseId: number): Promise<FollowUp[]> {
  return call<FollowUp[]>("list_follow_ups", { caseId });
}

export function addFollowUp(caseId: number, input: FollowUpInput): Promise<FollowUp> {
  return call<FollowUp>("add_follow_up", { caseId, input });
}

export function updateFollowUp(id: number, input: FollowUpInput): Promise<FollowUp> {
  return call<FollowUp>("update_follow_up", { id, input });
}

export function setFollowUpState(id: number, newState: FollowUpState): Promise<FollowUp> {
  return call<FollowUp>("set_follow_up_state", { id, newState });
}

export function dueList(): Promise<DueList> {
  return call<DueList>("due_list");
}

export function dueCounts(): Promise<DueCounts> {
  return call<DueCounts>("due_counts");
}

export function reminderSettings(): Promise<ReminderSettings> {
  return call<ReminderSettings>("reminder_settings");
}

export function setReminderSettings(settings: ReminderSettings): Promise<ReminderSettings> {
  return call<ReminderSettings>("set_reminder_settings", { settings });
}

/** The languages the interface can be shown in (the core's `INTERFACE_LANGUAGES`). */
export type InterfaceLanguage = "en" | "zh-TW";

function asInterfaceLanguage(value: string | null): InterfaceLanguage | null {
  return value === "en" || value === "zh-TW" ? value : null;
}

/** The interface language kept in the case book, or null to follow the system language. */
export async function getInterfaceLanguage(): Promise<InterfaceLanguage | null> {
  return asInterfaceLanguage(await call<string | null>("get_interface_language"));
}

/** Keeps the interface language in the case book; null follows the system language again. */
export async function setInterfaceLanguage(language: InterfaceLanguage | null): Promise<InterfaceLanguage | null> {
  return asInterfaceLanguage(await call<string | null>("set_interface_language", { language }));
}

/**
 * Writes the pending follow-ups as an `.ics` calendar file; the Rust side
 * asks where (the native Save dialog, as for every export). Resolves to the
 * file and its number of events, or null when the clinician closed the dialog.
 */
export function exportFollowUpsIcs(export_: CalendarExport): Promise<CalendarSaved | null> {
  return call<CalendarSaved | null>("export_follow_ups_ics", { export: export_ });
}

/** Searches every case (an empty query lists recent ones). */
export function searchCases(request: SearchRequest, limit: number): Promise<SearchResults> {
  return call<SearchResults>("search_cases", { request, limit });
}

/** The earlier answered cases most like case `id`. */
export function similarCases(id: number, limit: number): Promise<SimilarCase[]> {
  return call<SimilarCase[]>("similar_cases", { id, limit });
}

/** The reply of answered case `id`, to start a new reply from. */
export function startingReply(id: number): Promise<StartingReply> {
  return call<StartingReply>("starting_reply", { id });
}

// Export and import (native dialogs are opened by the Rust side)

function progressChannel(onProgress: (p: Progress) => void): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return channel;
}

export function exportSettings(): Promise<PdfSettings> {
  return call<PdfSettings>("export_settings");
}

export function setExportSettings(settings: PdfSettings): Promise<PdfSettings> {
  return call<PdfSettings>("set_export_settings", { settings });
}

/** Picks and stores the letterhead logo; false when the dialog was closed. */
export function chooseLetterheadLogo(): Promise<boolean> {
  return call<boolean>("choose_letterhead_logo");
}

export async function removeLetterheadLogo(): Promise<void> {
  await call<null>("remove_letterhead_logo");
}

/** Saves case `id` as a PDF through the Save dialog; the path, or null if cancelled. */
export function exportCasePdf(id: number): Promise<string | null> {
  return call<string | null>("export_case_pdf", { id });
}

export function chooseExportFolder(): Promise<string | null> {
  return call<string | null>("choose_export_folder");
}

/** The files a folder export would write; `exists` marks the ones it would replace. */
export function planPdfFolder(selection: BatchSelection, folder: string): Promise<PlannedFile[]> {
  return call<PlannedFile[]>("plan_pdf_folder", { selection, folder });
}

/** A new long job's name: its Cancel button stops that job and no other. */
export function newJobId(): string {
  return crypto.randomUUID();
}

export function exportPdfFolder(
  selection: BatchSelection,
  folder: string,
  overwrite: boolean,
  job: string,
  onProgress: (p: Progress) => void,
): Promise<BatchOutcome> {
  return call<BatchOutcome>("export_pdf_folder", {
    selection,
    folder,
    overwrite,
    job,
    onProgress: progressChannel(onProgress),
  });
}

/** One combined PDF through the Save dialog; null when the dialog was closed. */
export function exportPdfCombined(
  selection: BatchSelection,
  job: string,
  onProgress: (p: Progress) => void,
): Promise<BatchOutcome | null> {
  return call<BatchOutcome | null>("export_pdf_combined", {
    selection,
    job,
    onProgress: progressChannel(onProgress),
  });
}

/** Every case as JSON Lines or CSV through the Save dialog; null when closed. */
export function exportRecords(
  format: RecordsFormat,
  job: string,
  onProgress: (p: Progress) => void,
): Promise<BatchOutcome | null> {
  return call<BatchOutcome | null>("export_records", {
    format,
    job,
    onProgress: progressChannel(onProgress),
  });
}

/** Stops job `job`; false when it had already finished. */
export function cancelJob(job: string): Promise<boolean> {
  return call<boolean>("cancel_job", { job });
}

export function chooseImportFile(): Promise<string | null> {
  return call<string | null>("choose_import_file");
}

/** What importing `path` would do; writes nothing. */
export function previewImport(path: string): Promise<ImportReport> {
  return call<ImportReport>("preview_import", { path });
}

export function applyImport(path: string, job: string, onProgress: (p: Progress) => void): Promise<ImportReport> {
  return call<ImportReport>("apply_import", { path, job, onProgress: progressChannel(onProgress) });
}

// Replies, templates and the clinician profile (issue #3).

export function getReply(caseId: number): Promise<ReplyView> {
  return call<ReplyView>("get_reply", { caseId });
}

export function saveDraft(caseId: number, body: string): Promise<SavedDraft> {
  return call<SavedDraft>("save_draft", { caseId, body });
}

export function listRevisions(caseId: number): Promise<Revision[]> {
  return call<Revision[]>("list_revisions", { caseId });
}

export function restoreRevision(caseId: number, revisionId: number): Promise<SavedDraft> {
  return call<SavedDraft>("restore_revision", { caseId, revisionId });
}

export function markAnswered(caseId: number): Promise<ReplyView> {
  return call<ReplyView>("mark_answered", { caseId });
}

export function addAddendum(caseId: number, body: string): Promise<Addendum> {
  return call<Addendum>("add_addendum", { caseId, body });
}

export function auditTrail(caseId: number): Promise<AuditEvent[]> {
  return call<AuditEvent[]>("audit_trail", { caseId });
}

export function listTemplates(query: string, department: string | null): Promise<Template[]> {
  return call<Template[]>("list_templates", { query, department });
}

export function createTemplate(template: TemplateInput): Promise<Template> {
  return call<Template>("create_template", { template });
}

export function updateTemplate(id: number, template: TemplateInput): Promise<Template> {
  return call<Template>("update_template", { id, template });
}

export function duplicateTemplate(id: number): Promise<Template> {
  return call<Template>("duplicate_template", { id });
}

export async function deleteTemplate(id: number): Promise<void> {
  await call<null>("delete_template", { id });
}

/** Renders a template for a case, by id or by dot-phrase trigger; null when no template has that trigger. */
export function renderTemplate(
  caseId: number,
  by: { templateId: number } | { trigger: string },
): Promise<Rendered | null> {
  const templateId = "templateId" in by ? by.templateId : null;
  const trigger = "trigger" in by ? by.trigger : null;
  return call<Rendered | null>("render_template", { caseId, templateId, trigger });
}

/** The blanks and pick-lists left in `text`, by the core's own rule. */
export function findBlanks(text: string): Promise<Blank[]> {
  return call<Blank[]>("find_blanks", { text });
}

export function getProfile(): Promise<ClinicianProfile> {
  return call<ClinicianProfile>("get_profile");
}

export function setProfile(profile: ClinicianProfile): Promise<ClinicianProfile> {
  return call<ClinicianProfile>("set_profile", { profile });
}
