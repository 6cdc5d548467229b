//! Settings → Backups: where the encrypted backups go (beside the case book,
//! or a folder the clinician picks: a USB disk, a NAS share), Back up now,
//! and the list of backups with their dates, why each was made and how many
//! cases it holds. Restore asks once, then puts the backup in place; the
//! case book as it was is backed up first, and the list shows that backup
//! as the way back.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  backUpNow,
  backupOverview,
  chooseBackupFolder,
  restoreBackup,
  resetBackupFolder,
  toBackendError,
  type BackendError,
  type BackupInfo,
} from "../backend";
import { caseKeys } from "../cases/queries";
import { formatStamp } from "../i18n";
import "./backups.css";

export const backupKeys = { overview: ["backups"] as const };

/** How many backups the list shows (the folder keeps about 30 after thinning). */
const SHOWN = 40;

export function BackupSettings() {
  const { t } = useTranslation();
  const id = useId();
  const overview = useQuery({ queryKey: backupKeys.overview, queryFn: backupOverview, staleTime: 0 });
  const [restored, setRestored] = useState<{ from: BackupInfo; safety: BackupInfo } | null>(null);
  const data = overview.data;
  return (
    <section className="panel backup-settings" aria-labelledby={`${id}-heading`} data-testid="backup-settings">
      <h2 id={`${id}-heading`}>{t("backups.heading")}</h2>
      <p className="hint">{t("backups.intro")}</p>
      {data && <BackupFolder folder={data.folder} chosen={data.chosen} />}
      {data?.last_failure && (
        <p className="notice" role="alert" data-testid="backup-failure">
          {t("backups.lastFailed", { reason: toBackendError(data.last_failure).message })}
        </p>
      )}
      <BackUpNow onDone={() => setRestored(null)} />
      {restored && (
        <p className="saved" role="status" data-testid="backup-restored">
          {t("backups.restored", {
            date: formatStamp(restored.from.created_at),
            safety: formatStamp(restored.safety.created_at),
          })}
        </p>
      )}
      <h3>{t("backups.listHeading")}</h3>
      {data && data.backups.length === 0 && <p className="hint">{t("backups.none")}</p>}
      {data && data.backups.length > 0 && (
        <ol className="backup-list" data-testid="backup-list">
          {data.backups.slice(0, SHOWN).map((backup) => (
            <BackupRow
              key={backup.folder}
              backup={backup}
              onRestored={(safety) => setRestored({ from: backup, safety })}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function BackupFolder({ folder, chosen }: { folder: string; chosen: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: backupKeys.overview });
  const choose = useMutation({ mutationFn: chooseBackupFolder, onSuccess: refresh });
  const reset = useMutation({ mutationFn: resetBackupFolder, onSuccess: refresh });
  const error = (choose.error ?? reset.error) as BackendError | null;
  return (
    <div className="field">
      <span className="label">{t("backups.folder")}</span>
      <code className="data-folder" data-testid="backup-folder">
        {folder}
      </code>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="backup-choose-folder"
          disabled={choose.isPending}
          onClick={() => choose.mutate()}
        >
          {t("backups.chooseFolder")}
        </button>
        {chosen && (
          <button
            type="button"
            className="button"
            data-testid="backup-default-folder"
            disabled={reset.isPending}
            onClick={() => reset.mutate()}
          >
            {t("backups.defaultFolder")}
          </button>
        )}
      </div>
      <p className="hint">{t("backups.folderHint")}</p>
      {error && <span className="field-error">{error.message}</span>}
    </div>
  );
}

function BackUpNow({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const make = useMutation({
    mutationFn: backUpNow,
    onSettled: () => client.invalidateQueries({ queryKey: backupKeys.overview }),
    onSuccess: onDone,
  });
  const error = make.error as BackendError | null;
  return (
    <div className="field">
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          data-testid="backup-now"
          disabled={make.isPending}
          onClick={() => make.mutate()}
        >
          {make.isPending ? t("backups.backingUp") : t("backups.now")}
        </button>
        {make.isSuccess && (
          <span className="saved" role="status" data-testid="backup-made">
            {t("backups.made", { date: formatStamp(make.data.created_at) })}
          </span>
        )}
      </div>
      {error && <span className="field-error">{error.message}</span>}
    </div>
  );
}

function BackupRow({ backup, onRestored }: { backup: BackupInfo; onRestored: (safety: BackupInfo) => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const restore = useMutation({
    mutationFn: () => restoreBackup(backup.folder),
    onSuccess: async (safety) => {
      setConfirming(false);
      onRestored(safety);
      // Every answer the window holds was about the book before: each is
      // dropped, and the ones on screen are asked again.
      await client.resetQueries({ predicate: (q) => q.queryKey[0] !== caseKeys.appInfo[0] });
    },
  });
  const error = restore.error as BackendError | null;
  const date = formatStamp(backup.created_at);
  const size = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(backup.size / 1_000_000);
  return (
    <li className="backup-row" data-testid="backup-row">
      <div className="backup-facts">
        <time dateTime={backup.created_at}>{date}</time>
        <span>{t(`backups.reason.${backup.reason}`)}</span>
        <span>{t("backups.cases", { count: backup.cases })}</span>
        <span className="hint">{t("backups.size", { size })}</span>
        <button
          type="button"
          className="button button-small"
          data-testid="backup-restore"
          disabled={restore.isPending}
          onClick={() => setConfirming(true)}
        >
          {t("backups.restore")}
        </button>
      </div>
      {confirming && (
        <div className="notice" role="alert" data-testid="backup-restore-confirm">
          <p>{t("backups.confirm", { date })}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              data-testid="backup-restore-go"
              disabled={restore.isPending}
              onClick={() => restore.mutate()}
            >
              {restore.isPending ? t("backups.restoring") : t("backups.restoreGo", { date })}
            </button>
            <button
              type="button"
              className="button"
              disabled={restore.isPending}
              onClick={() => setConfirming(false)}
            >
              {t("backups.cancel")}
            </button>
          </div>
        </div>
      )}
      {error && <span className="field-error">{error.message}</span>}
    </li>
  );
}
