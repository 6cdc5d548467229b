//! "Similar cases" on the case view: the earlier answered cases most like
//! this one, each with the start of its reply and one action, "Use this reply
//! as a starting point", which copies that reply's text into
//! this case's draft as a new revision. The two records stay unlinked; the
//! draft that was there before is kept in the revision history.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hrefFor } from "../app/navigation";
import type { SimilarCase } from "../backend";
import { useSimilarCases, useUseStartingReply } from "./queries";
import { useDepartmentName } from "../cases/useDepartmentName";

type Props = {
  caseId: number;
  /** False once this case's reply is answered (locked): nothing to draft into. */
  canDraft: boolean;
};

export function SimilarCases({ caseId, canDraft }: Props) {
  const { t } = useTranslation();
  const similar = useSimilarCases(caseId);
  const use = useUseStartingReply(caseId);
  const [usedFrom, setUsedFrom] = useState<string | null>(null);

  let content;
  if (similar.isPending) {
    content = <p className="screen-note">{t("similar.loading")}</p>;
  } else if (similar.isError) {
    content = <p className="screen-note">{similar.error.message}</p>;
  } else if (similar.data.length === 0) {
    content = (
      <p className="screen-note" data-testid="similar-empty">
        {t("similar.none")}
      </p>
    );
  } else {
    content = (
      <ul className="similar-list">
        {similar.data.map((item) => (
          <SimilarItem
            key={item.id}
            item={item}
            canDraft={canDraft}
            pending={use.isPending}
            onUse={() => use.mutate(item.id, { onSuccess: () => setUsedFrom(item.title) })}
          />
        ))}
      </ul>
    );
  }

  return (
    <section className="panel similar-cases" aria-labelledby="similar-heading" data-testid="similar-cases">
      <h3 id="similar-heading">{t("similar.title")}</h3>
      {use.isError && (
        <p className="screen-note" role="alert">
          {use.error.message}
        </p>
      )}
      {usedFrom !== null && !use.isError && (
        <p className="screen-note" role="status" data-testid="starting-reply-used">
          {t("similar.used", { title: usedFrom })}
        </p>
      )}
      {content}
    </section>
  );
}

function SimilarItem({
  item,
  onUse,
  pending,
  canDraft,
}: {
  item: SimilarCase;
  onUse: () => void;
  pending: boolean;
  canDraft: boolean;
}) {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  return (
    <li className="similar-case" data-testid="similar-case">
      <a className="similar-case-title" href={hrefFor({ name: "case", id: item.id })}>
        {item.title}
      </a>
      <span className="search-result-meta">
        <time dateTime={item.asked_on}>{item.asked_on}</time>
        {item.department && ` · ${departmentName(item.department)}`}
        {item.clinician && ` · ${item.clinician}`}
      </span>
      <p className="similar-reply" data-testid="similar-reply">
        {item.reply_start}
      </p>
      {canDraft && (
        <button type="button" className="button" data-testid="use-reply" disabled={pending} onClick={onUse}>
          {t("similar.useReply")}
        </button>
      )}
    </li>
  );
}
