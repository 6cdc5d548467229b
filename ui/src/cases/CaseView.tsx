//! One case, read-only: the question with its details and, once answered,
//! the clinician's reply with signature and "More info". All patient and
//! clinician text is rendered as text, whitespace preserved.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { reportError } from "../app/errorBanner";
import { hrefFor, navigate } from "../app/navigation";
import { hasCode, type CaseDetail, type Reply } from "../backend";
import { ExportCaseButton } from "../export/ExportCaseButton";
import { CaseFollowUps } from "../followups/CaseFollowUps";
import { SimilarCases } from "../search/SimilarCases";
import { Addenda, AuditTrail } from "../replies/Addenda";
import { ReplyEditor } from "../replies/ReplyEditor";
import { DeleteCaseDialog } from "./DeleteCaseDialog";
import { useCase, useDeleteCase } from "./queries";
import { StatusBadge } from "./StatusBadge";
import { useDepartmentName } from "./useDepartmentName";

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function CaseView({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  const query = useCase(caseId);
  const remove = useDeleteCase();

  const back = (
    <a className="button" href={hrefFor({ name: "inbox" })} data-testid="back-to-inbox">
      {t("case.back")}
    </a>
  );

  if (query.isPending) {
    return <p className="screen-note">{t("case.loading")}</p>;
  }
  if (query.isError) {
    const message = hasCode(query.error, "not_found") ? t("case.notFound") : query.error.message;
    return (
      <section className="case-view" data-testid="case-missing">
        <p className="screen-note" role="alert">
          {message}
        </p>
        {back}
      </section>
    );
  }

  const detail: CaseDetail = query.data;
  const { question, reply } = detail;
  const none = t("case.notGiven");

  const onDelete = () => {
    remove.mutate(detail.id, {
      onSuccess: () => navigate({ name: "inbox" }),
      onError: reportError,
    });
  };

  return (
    <article className="case-view" data-testid="case-view" aria-labelledby="case-title">
      <header className="screen-header">
        <h2 id="case-title" className="case-title" data-testid="case-title">
          {question.title}
        </h2>
        <StatusBadge status={detail.status} />
      </header>
      <div className="button-row">
        {back}
        {reply !== null && <ExportCaseButton caseId={detail.id} />}
        {reply === null && (
          <>
            <a
              className="button"
              href={hrefFor({ name: "edit", id: detail.id })}
              data-testid="edit-case"
            >
              {t("case.edit")}
            </a>
            <DeleteCaseDialog title={question.title} pending={remove.isPending} onConfirm={onDelete} />
          </>
        )}
      </div>
      {reply?.locked_at != null && <p className="hint">{t("case.lockedHint")}</p>}

      <section className="panel" aria-labelledby="question-heading">
        <h3 id="question-heading">{t("case.question")}</h3>
        <div className="case-text" data-testid="case-body">
          {question.body}
        </div>
        <dl className="details">
          <Detail label={t("case.asker")}>{question.asker ?? none}</Detail>
          <Detail label={t("case.sex")}>{question.sex ? t(`sex.${question.sex}`) : none}</Detail>
          <Detail label={t("case.ageRange")}>{question.age_range ?? none}</Detail>
          <Detail label={t("case.askedOn")}>
            <time dateTime={question.asked_on}>{question.asked_on}</time>
          </Detail>
          <Detail label={t("case.department")}>
            {question.department ? departmentName(question.department) : none}
          </Detail>
          <Detail label={t("case.source")}>{question.source ?? none}</Detail>
          <Detail label={t("case.externalId")}>{question.external_id ?? none}</Detail>
          <Detail label={t("case.tags")}>
            {question.tags.length === 0 ? (
              none
            ) : (
              <ul className="chips" data-testid="case-tags">
                {question.tags.map((tag) => (
                  <li key={tag} className="chip">
                    {tag}
                  </li>
                ))}
              </ul>
            )}
          </Detail>
        </dl>
      </section>

      {reply?.locked_at != null ? (
        <>
          <ReplySection reply={reply} />
          <Addenda caseId={detail.id} />
        </>
      ) : (
        <ReplyEditor caseId={detail.id} department={question.department} />
      )}
      <AuditTrail caseId={detail.id} />

      <CaseFollowUps caseId={detail.id} askedOn={question.asked_on} />

      <SimilarCases caseId={detail.id} canDraft={reply?.locked_at == null} />
    </article>
  );
}

function ReplySection({ reply }: { reply: Reply }) {
  const { t } = useTranslation();
  const none = t("case.notGiven");
  return (
    <section className="panel" aria-labelledby="reply-heading" data-testid="case-reply">
      <h3 id="reply-heading">{t("case.reply")}</h3>
      <dl className="details">
        <Detail label={t("case.clinician")}>{reply.clinician ?? none}</Detail>
        <Detail label={t("case.affiliation")}>{reply.affiliation ?? none}</Detail>
        <Detail label={t("case.repliedOn")}>
          {reply.replied_on ? <time dateTime={reply.replied_on}>{reply.replied_on}</time> : none}
        </Detail>
      </dl>
      <div className="case-text" data-testid="reply-body">
        {reply.body}
      </div>
      {reply.signature && (
        <div className="case-signature" data-testid="reply-signature">
          <h4>{t("case.signature")}</h4>
          <div className="case-text">{reply.signature}</div>
        </div>
      )}
      {reply.more_info && (
        <section className="more-info" aria-labelledby="more-info-heading" data-testid="reply-more-info">
          <h4 id="more-info-heading">{t("case.moreInfo")}</h4>
          <div className="case-text">{reply.more_info}</div>
        </section>
      )}
    </section>
  );
}
