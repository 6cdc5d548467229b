//! A small coloured label for a case's status.
import { useTranslation } from "react-i18next";
import type { CaseStatus } from "../backend";

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
