//! One inbox row: a link to the case with its title, asker, department,
//! asked-on date, status and the start of the question.
import { useTranslation } from "react-i18next";
import { hrefFor } from "../app/navigation";
import type { CaseSummary } from "../backend";
import { StatusBadge } from "./StatusBadge";
import { useDepartmentName } from "./useDepartmentName";

/** Fixed row height in pixels (keeps virtualization exact and cheap). */
export const ROW_HEIGHT = 84;

export function CaseRow({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  return (
    <a
      className="case-row"
      href={hrefFor({ name: "case", id: summary.id })}
      data-testid="case-row"
      data-case-id={summary.id}
    >
      <span className="case-row-line">
        <span className="case-row-title">{summary.title}</span>
        <StatusBadge status={summary.status} />
      </span>
      <span className="case-row-line case-row-meta">
        <span>{summary.asker ?? t("inbox.noAsker")}</span>
        <span aria-hidden="true">·</span>
        <span>{summary.department ? departmentName(summary.department) : t("inbox.noDepartment")}</span>
        <time className="case-row-date" dateTime={summary.asked_on}>
          {summary.asked_on}
        </time>
      </span>
      <span className="case-row-excerpt">{summary.excerpt}</span>
    </a>
  );
}

export function CaseRowPlaceholder() {
  const { t } = useTranslation();
  return (
    <div className="case-row case-row-placeholder" data-testid="case-row-loading" aria-busy="true">
      <span className="case-row-excerpt">{t("inbox.loadingRow")}</span>
    </div>
  );
}
