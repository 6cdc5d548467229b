//! Inbox selection: a check box per row, and for the picked cases "Export
//! PDF": one combined file (Save dialog) or one file per case in a folder
//! (asks before replacing files), with progress and cancel.
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { reportError } from "../app/errorBanner";
import {
  cancelJob,
  chooseExportFolder,
  exportPdfCombined,
  exportPdfFolder,
  newJobId,
  planPdfFolder,
  type BatchOutcome,
  type Progress,
} from "../backend";
import "./export.css";

export function SelectBox({
  id,
  title,
  checked,
  onToggle,
}: {
  id: number;
  title: string;
  checked: boolean;
  onToggle: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <input
      type="checkbox"
      className="case-select"
      aria-label={t("export.select", { title })}
      data-testid="case-select"
      checked={checked}
      onChange={() => onToggle(id)}
    />
  );
}

export function SelectedExport({ ids, onClear }: { ids: number[]; onClear: () => void }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const [clash, setClash] = useState<{ folder: string; count: number } | null>(null);
  const selection = { ids, since: null, until: null, department: null };

  const [current, setCurrent] = useState<string | null>(null);

  const run = async (work: (job: string) => Promise<BatchOutcome | null>) => {
    const job = newJobId();
    setOutcome(null);
    setClash(null);
    setCurrent(job);
    setProgress({ done: 0, total: ids.length });
    try {
      setOutcome(await work(job));
    } catch (error) {
      reportError(error);
    } finally {
      setProgress(null);
      setCurrent(null);
    }
  };

  const toFolder = async () => {
    try {
      const folder = await chooseExportFolder();
      if (folder === null) return;
      const existing = (await planPdfFolder(selection, folder)).filter((f) => f.exists).length;
      if (existing > 0) setClash({ folder, count: existing });
      else await run((job) => exportPdfFolder(selection, folder, false, job, setProgress));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <div className="selected-export" data-testid="selected-export">
      <span>{t("export.selected", { count: ids.length })}</span>
      <Button className="button" isDisabled={progress !== null} onPress={() => void run((job) => exportPdfCombined(selection, job, setProgress))}>
        {t("export.combined")}
      </Button>
      <Button className="button" isDisabled={progress !== null} onPress={() => void toFolder()}>
        {t("export.onePerCase")}
      </Button>
      <Button className="button" isDisabled={progress !== null} onPress={onClear}>
        {t("export.clearSelection")}
      </Button>
      {clash !== null && (
        <span role="alert" className="export-confirm">
          {t("export.replaceBody", { count: clash.count })}{" "}
          <Button
            className="button button-danger"
            onPress={() => void run((job) => exportPdfFolder(selection, clash.folder, true, job, setProgress))}
          >
            {t("export.replace")}
          </Button>
          <Button className="button" onPress={() => setClash(null)}>
            {t("export.cancel")}
          </Button>
        </span>
      )}
      {progress !== null && (
        <span className="export-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} />
          {t("export.progress", progress)}
          <Button className="button" onPress={() => current !== null && void cancelJob(current)}>
            {t("export.cancel")}
          </Button>
        </span>
      )}
      {outcome !== null && (
        <span role="status">
          {outcome.cancelled ? t("export.cancelled") : t("export.written", { count: outcome.written.length })}
        </span>
      )}
    </div>
  );
}
