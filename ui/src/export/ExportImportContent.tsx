//! The export and import dialog's content: PDFs of answered cases (one per
//! case into a folder, or one combined file) with progress and cancel,
//! records (JSON Lines, CSV), import with a preview before anything is
//! written, and the PDF settings (paper, PDF/A, letterhead logo). Loaded when
//! the dialog first opens (see ExportImportDialog.tsx).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Checkbox, Dialog, Heading } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { DateField, dayOrNull } from "../app/DateField";
import { reportError } from "../app/errorBanner";
import {
  applyImport,
  cancelJob,
  chooseExportFolder,
  chooseImportFile,
  chooseLetterheadLogo,
  exportPdfCombined,
  exportPdfFolder,
  exportRecords,
  exportSettings,
  newJobId,
  planPdfFolder,
  previewImport,
  removeLetterheadLogo,
  setExportSettings,
  type BatchOutcome,
  type BatchSelection,
  type ImportReport,
  type PdfSettings,
  type Progress,
} from "../backend";
import { useDepartments } from "../cases/queries";
import { say } from "../i18n/messages";
import "./export.css";
import { useDepartmentName } from "../cases/useDepartmentName";

const SHOWN_PROBLEMS = 20;

/** The dialog itself, shown inside the sidebar's modal. */
export function ExportImportContent() {
  const { t } = useTranslation();
  return (
    <Dialog className="dialog" data-testid="export-import-dialog">
      {({ close }) => (
        <>
          <Heading slot="title">{t("export.title")}</Heading>
          <p className="hint" data-testid="export-plaintext-note">
            {t("export.plaintextNote")}
          </p>
          <PdfBatch />
          <Records />
          <Import />
          <Settings />
          <div className="button-row">
            <Button className="button" onPress={close}>
              {t("export.close")}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}


type JobRunner = (job: string, onProgress: (p: Progress) => void) => Promise<BatchOutcome | null>;

/** Runs one long job at a time, with progress and a cancel button that
 * stops this job only. */
function useJob() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const run = async (work: JobRunner) => {
    const job = newJobId();
    setOutcome(null);
    setCurrent(job);
    setProgress({ done: 0, total: 0 });
    try {
      setOutcome(await work(job, setProgress));
    } catch (error) {
      reportError(error);
    } finally {
      setProgress(null);
      setCurrent(null);
    }
  };
  return { progress, outcome, current, run };
}

/** A running job's progress bar and the button that cancels that job only. */
function JobProgress({ name, progress, job }: { name: "export" | "import"; progress: Progress; job: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="export-progress" data-testid={`${name}-progress`}>
      <progress max={Math.max(progress.total, 1)} value={progress.done} />
      <span>{t("export.progress", progress)}</span>
      <Button className="button" data-testid={`${name}-cancel`} onPress={() => job !== null && void cancelJob(job)}>
        {t("export.cancel")}
      </Button>
    </div>
  );
}

function JobStatus({
  progress,
  outcome,
  current,
}: {
  progress: Progress | null;
  outcome: BatchOutcome | null;
  current: string | null;
}) {
  const { t } = useTranslation();
  if (progress !== null) return <JobProgress name="export" progress={progress} job={current} />;
  if (outcome === null) return null;
  return (
    <p role="status" data-testid="export-outcome">
      {outcome.cancelled ? t("export.cancelled") : t("export.written", { count: outcome.written.length })}
    </p>
  );
}

function PdfBatch() {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  const departments = useDepartments();
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const [department, setDepartment] = useState("");
  const [clash, setClash] = useState<{ folder: string; count: number } | null>(null);
  const job = useJob();
  const selection: BatchSelection = {
    ids: null,
    since: since || null,
    until: until || null,
    department: department || null,
  };
  const busy = job.progress !== null;

  const toFolder = async (folder: string, overwrite: boolean) => {
    setClash(null);
    await job.run((id, onProgress) => exportPdfFolder(selection, folder, overwrite, id, onProgress));
  };

  const chooseFolder = async () => {
    try {
      const folder = await chooseExportFolder();
      if (folder === null) return;
      const plan = await planPdfFolder(selection, folder);
      const existing = plan.filter((f) => f.exists).length;
      if (existing > 0) setClash({ folder, count: existing });
      else await toFolder(folder, false);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <section className="export-section" aria-labelledby="export-pdf-heading">
      <h3 id="export-pdf-heading">{t("export.pdfHeading")}</h3>
      <p className="hint">{t("export.pdfHint")}</p>
      <div className="export-fields">
        <DateField
          label={t("export.since")}
          testId="export-since"
          value={dayOrNull(since)}
          onChange={(day) => setSince(day ? day.toString() : "")}
        />
        <DateField
          label={t("export.until")}
          testId="export-until"
          value={dayOrNull(until)}
          onChange={(day) => setUntil(day ? day.toString() : "")}
        />
        <label>
          {t("export.department")}
          <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="export-department">
            <option value="">{t("export.anyDepartment")}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d} value={d}>
                {departmentName(d)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="button-row">
        <Button className="button" isDisabled={busy} onPress={() => void chooseFolder()} data-testid="export-folder">
          {t("export.onePerCase")}
        </Button>
        <Button
          className="button"
          isDisabled={busy}
          onPress={() => void job.run((id, onProgress) => exportPdfCombined(selection, id, onProgress))}
          data-testid="export-combined"
        >
          {t("export.combined")}
        </Button>
      </div>
      {clash !== null && (
        <div role="alertdialog" aria-labelledby="replace-heading" className="export-confirm" data-testid="replace-confirm">
          <strong id="replace-heading">{t("export.replaceTitle")}</strong>
          <p>{t("export.replaceBody", { count: clash.count })}</p>
          <div className="button-row">
            <Button className="button" onPress={() => setClash(null)} autoFocus>
              {t("export.cancel")}
            </Button>
            <Button className="button button-danger" onPress={() => void toFolder(clash.folder, true)}>
              {t("export.replace")}
            </Button>
          </div>
        </div>
      )}
      <JobStatus progress={job.progress} outcome={job.outcome} current={job.current} />
    </section>
  );
}

function Records() {
  const { t } = useTranslation();
  const job = useJob();
  const busy = job.progress !== null;
  return (
    <section className="export-section" aria-labelledby="export-records-heading">
      <h3 id="export-records-heading">{t("export.recordsHeading")}</h3>
      <p className="hint">{t("export.recordsHint")}</p>
      <div className="button-row">
        <Button
          className="button"
          isDisabled={busy}
          onPress={() => void job.run((id, p) => exportRecords("jsonl", id, p))}
          data-testid="export-jsonl"
        >
          {t("export.jsonl")}
        </Button>
        <Button
          className="button"
          isDisabled={busy}
          onPress={() => void job.run((id, p) => exportRecords("csv", id, p))}
          data-testid="export-csv"
        >
          {t("export.csv")}
        </Button>
      </div>
      <JobStatus progress={job.progress} outcome={job.outcome} current={job.current} />
    </section>
  );
}

function Import() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);

  const choose = async () => {
    setDone(null);
    try {
      const path = await chooseImportFile();
      if (path === null) return;
      setFile(path);
      setPreview(await previewImport(path));
    } catch (error) {
      reportError(error);
    }
  };

  const apply = async () => {
    if (file === null) return;
    const id = newJobId();
    setJob(id);
    setProgress({ done: 0, total: preview?.imported ?? 0 });
    try {
      const report = await applyImport(file, id, setProgress);
      setDone(report);
      // A cancelled import wrote nothing: the preview still holds.
      if (!report.cancelled) {
        setPreview(null);
        await queryClient.invalidateQueries();
      }
    } catch (error) {
      reportError(error);
    } finally {
      setProgress(null);
      setJob(null);
    }
  };

  return (
    <section className="export-section" aria-labelledby="import-heading">
      <h3 id="import-heading">{t("export.importHeading")}</h3>
      <p className="hint">{t("export.importHint")}</p>
      <Button className="button" isDisabled={progress !== null} onPress={() => void choose()} data-testid="import-choose">
        {t("export.chooseImport")}
      </Button>
      {preview !== null && (
        <div data-testid="import-preview">
          <p>
            {t("export.preview", {
              ready: preview.imported,
              present: preview.already_present,
              invalid: preview.invalid.length,
            })}
          </p>
          {preview.invalid.length > 0 && (
            <ul className="import-problems">
              {preview.invalid.slice(0, SHOWN_PROBLEMS).map((p) => (
                <li key={p.line}>
                  {t("export.problem", {
                    line: p.line,
                    message: p.field === null ? say(p.message) : `${p.field}: ${say(p.message)}`,
                  })}
                </li>
              ))}
              {preview.invalid.length > SHOWN_PROBLEMS && (
                <li>{t("export.moreProblems", { count: preview.invalid.length - SHOWN_PROBLEMS })}</li>
              )}
            </ul>
          )}
          <Button
            className="button button-primary"
            isDisabled={preview.imported === 0 || progress !== null}
            onPress={() => void apply()}
            data-testid="import-apply"
          >
            {t("export.apply", { count: preview.imported })}
          </Button>
        </div>
      )}
      {progress !== null && <JobProgress name="import" progress={progress} job={job} />}
      {done !== null && (
        <p role="status" data-testid="import-done">
          {done.cancelled ? t("export.importCancelled") : t("export.imported", { count: done.imported })}
        </p>
      )}
    </section>
  );
}

function Settings() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ["export-settings"], queryFn: exportSettings });
  const [changed, setChanged] = useState<PdfSettings | null>(null);
  const [logoSaved, setLogoSaved] = useState(false);
  const settings = changed ?? query.data ?? null;
  const update = (next: PdfSettings) => {
    setChanged(next);
    setExportSettings(next).then(setChanged, reportError);
  };
  const chooseLogo = async () => {
    try {
      setLogoSaved(await chooseLetterheadLogo());
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <section className="export-section" aria-labelledby="export-settings-heading">
      <h3 id="export-settings-heading">{t("export.settingsHeading")}</h3>
      {settings !== null && (
        <div className="export-fields">
          <label>
            {t("export.paper")}
            <select
              value={settings.paper}
              onChange={(e) => update({ ...settings, paper: e.target.value === "letter" ? "letter" : "a4" })}
              data-testid="export-paper"
            >
              <option value="a4">{t("export.a4")}</option>
              <option value="letter">{t("export.letter")}</option>
            </select>
          </label>
          <Checkbox
            className="checkbox"
            isSelected={settings.pdfa}
            onChange={(pdfa) => update({ ...settings, pdfa })}
            data-testid="export-pdfa"
          >
            <span className="checkbox-box" aria-hidden="true">
              {settings.pdfa ? "✓" : ""}
            </span>
            {t("export.pdfa")}
          </Checkbox>
        </div>
      )}
      <div className="button-row">
        <Button className="button" onPress={() => void chooseLogo()} data-testid="export-logo">
          {t("export.logo")}
        </Button>
        <Button
          className="button"
          onPress={() => void removeLetterheadLogo().then(() => setLogoSaved(false), reportError)}
        >
          {t("export.removeLogo")}
        </Button>
      </div>
      {logoSaved && <p role="status">{t("export.logoSaved")}</p>}
    </section>
  );
}
