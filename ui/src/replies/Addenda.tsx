//! An answered reply's addenda (each with its author and time; the reply
//! itself never changes) with a form to add one, and the case's audit trail.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatStamp } from "../i18n";
import { useAddAddendum, useAuditTrail, useReply } from "./queries";

export function Addenda({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const reply = useReply(caseId);
  const add = useAddAddendum(caseId);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const addenda = reply.data?.addenda ?? [];
  return (
    <section className="panel" aria-labelledby="addenda-heading" data-testid="addenda">
      <h3 id="addenda-heading">{t("replies.addenda")}</h3>
      {addenda.length === 0 && <p className="hint">{t("replies.noAddenda")}</p>}
      <ol className="addenda-list">
        {addenda.map((a) => (
          <li key={a.id} data-testid="addendum">
            <div className="hint">
              {a.clinician ?? t("case.notGiven")} · <time dateTime={a.created_at}>{formatStamp(a.created_at)}</time>
            </div>
            <div className="case-text" data-testid="addendum-body">
              {a.body}
            </div>
          </li>
        ))}
      </ol>
      <form
        className="addendum-form"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          add.mutate(body, { onSuccess: () => setBody(""), onError: (err) => setError(err.message) });
        }}
      >
        <textarea
          className="reply-text"
          rows={3}
          data-testid="addendum-text"
          aria-label={t("replies.addAddendum")}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="button" data-testid="add-addendum" disabled={add.isPending || body.trim() === ""}>
            {t("replies.addAddendum")}
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="addendum-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

export function AuditTrail({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const events = useAuditTrail(caseId);
  if (!events.data || events.data.length === 0) return null;
  return (
    <details className="panel audit-trail" data-testid="audit-trail">
      <summary>{t("replies.audit")}</summary>
      <ol>
        {events.data.map((e) => (
          <li key={e.id} data-testid="audit-event" data-kind={e.kind}>
            <time dateTime={e.at}>{formatStamp(e.at)}</time> · {t(`replies.auditKind.${e.kind}`)}
            {e.detail && <> · {e.detail}</>}
            {e.actor && <> · {e.actor}</>}
          </li>
        ))}
      </ol>
    </details>
  );
}
