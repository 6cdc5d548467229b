//! The follow-ups section of a case: each follow-up with its date, reason,
//! state and earlier dates, and the actions that fit its state (edit, mark
//! done, cancel; reopen a done or cancelled one). Adding and exporting start
//! here too.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { reportError } from "../app/errorBanner";
import type { FollowUp, FollowUpState } from "../backend";
import { ExportCalendarDialog } from "./ExportCalendarDialog";
import { FollowUpDialog } from "./FollowUpDialog";
import { useCaseFollowUps, useSetFollowUpState } from "./queries";
import "./followups.css";

type Editing = { existing: FollowUp | null } | null;

export function CaseFollowUps({ caseId, askedOn }: { caseId: number; askedOn: string }) {
  const { t } = useTranslation();
  const query = useCaseFollowUps(caseId);
  const setState = useSetFollowUpState();
  const [editing, setEditing] = useState<Editing>(null);

  const change = (id: number, state: FollowUpState) =>
    setState.mutate({ id, state }, { onError: reportError });

  const list = query.data ?? [];
  const pending = list.some((f) => f.state === "pending");

  return (
    <section className="panel" aria-labelledby="follow-ups-heading" data-testid="case-follow-ups">
      <header className="panel-header">
        <h3 id="follow-ups-heading">{t("followups.caseHeading")}</h3>
        <div className="button-row">
          <button
            type="button"
            className="button"
            data-testid="add-follow-up"
            onClick={() => setEditing({ existing: null })}
          >
            {t("followups.add")}
          </button>
          {pending && <ExportCalendarDialog caseId={caseId} />}
        </div>
      </header>
      {query.isPending && <p className="screen-note">{t("followups.loading")}</p>}
      {query.isSuccess && list.length === 0 && <p className="screen-note">{t("followups.noneForCase")}</p>}
      {list.length > 0 && (
        <ul className="follow-up-list">
          {list.map((f) => (
            <li key={f.id} className={`follow-up-item state-${f.state}`} data-testid="follow-up-row" data-state={f.state}>
              <div className="follow-up-main">
                <span className="follow-up-when">
                  <time dateTime={f.due_on}>{f.due_on}</time>
                  {f.due_time && <span> {f.due_time}</span>}
                </span>
                <span className="follow-up-reason-text">{f.reason || t("followups.noReason")}</span>
                <span className={`badge follow-up-state-${f.state}`}>{t(`followups.state.${f.state}`)}</span>
              </div>
              {f.history.length > 0 && (
                <ul className="follow-up-history" aria-label={t("followups.history")}>
                  {f.history.map((h, i) => (
                    <li key={i}>
                      {t("followups.moved", {
                        from: h.from_time ? `${h.from_on} ${h.from_time}` : h.from_on,
                        to: h.to_time ? `${h.to_on} ${h.to_time}` : h.to_on,
                        when: h.changed_at.slice(0, 10),
                      })}
                    </li>
                  ))}
                </ul>
              )}
              <div className="button-row follow-up-actions">
                {f.state === "pending" ? (
                  <>
                    <button type="button" className="button button-small" data-testid="mark-done" onClick={() => change(f.id, "done")}>
                      {t("followups.markDone")}
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      data-testid="edit-follow-up"
                      onClick={() => setEditing({ existing: f })}
                    >
                      {t("followups.edit")}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      data-testid="cancel-follow-up"
                      onClick={() => change(f.id, "cancelled")}
                    >
                      {t("followups.cancel")}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    data-testid="reopen-follow-up"
                    onClick={() => change(f.id, "pending")}
                  >
                    {t("followups.reopen")}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing !== null && (
        <FollowUpDialog
          caseId={caseId}
          askedOn={askedOn}
          existing={editing.existing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
