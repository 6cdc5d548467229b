//! The sidebar entry for the Follow-ups screen, with the overdue and
//! due-today counts visible at all times.
import { useTranslation } from "react-i18next";
import { hrefFor, useRoute } from "../app/navigation";
import { useDueCounts } from "./queries";
import "./followups.css";

export function FollowUpsNav() {
  const { t } = useTranslation();
  const counts = useDueCounts();
  const active = useRoute().name === "follow-ups";
  const overdue = counts.data?.overdue ?? 0;
  return (
    <a
      className={active ? "status-group follow-ups-nav active" : "status-group follow-ups-nav"}
      href={hrefFor({ name: "follow-ups" })}
      aria-current={active ? "page" : undefined}
      data-testid="nav-follow-ups"
    >
      <span className="status-group-label">{t("followups.title")}</span>
      <span className="follow-ups-counts">
        <span
          className={overdue > 0 ? "count-pill count-pill-overdue" : "count-pill"}
          title={t("followups.bucket.overdue")}
          aria-label={t("followups.overdueCount", { count: overdue })}
          data-testid="count-overdue"
        >
          {counts.data ? overdue : "–"}
        </span>
        <span
          className="count-pill count-pill-today"
          title={t("followups.bucket.today")}
          aria-label={t("followups.todayCount", { count: counts.data?.today ?? 0 })}
          data-testid="count-today"
        >
          {counts.data ? counts.data.today : "–"}
        </span>
      </span>
    </a>
  );
}
