//! The Follow-ups screen: pending follow-ups in overdue (red) / today / this
//! week / later, then the recently done; each row names the case, asker,
//! department and reason and opens the case in one click. The header holds
//! the calendar export and the desktop-reminder switch.
import { Switch } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { reportError } from "../app/errorBanner";
import { hrefFor } from "../app/navigation";
import type { DueGroup, DueItem } from "../backend";
import { ExportCalendarDialog } from "./ExportCalendarDialog";
import { useDueList, useReminderSettings, useSetFollowUpState, useSetReminderSettings } from "./queries";
import "./followups.css";
import { useDepartmentName } from "../cases/useDepartmentName";

function DueRow({ item }: { item: DueItem }) {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  const setState = useSetFollowUpState();
  return (
    <li className="due-row" data-testid="due-row" data-follow-up-id={item.id}>
      <a className="due-row-link" href={hrefFor({ name: "case", id: item.case_id })} data-testid="due-row-link">
        <span className="due-row-when">
          <time dateTime={item.due_on}>{item.due_on}</time>
          {item.due_time && <span className="due-row-time">{item.due_time}</span>}
        </span>
        <span className="due-row-body">
          <span className="due-row-title">{item.case_title}</span>
          <span className="due-row-meta">
            {item.asker ?? t("inbox.noAsker")} · {item.department ? departmentName(item.department) : t("inbox.noDepartment")} ·{" "}
            {t("followups.caseNumber", { id: item.case_id })}
          </span>
          <span className="due-row-reason">{item.reason || t("followups.noReason")}</span>
        </span>
      </a>
      {item.state === "pending" && (
        <button
          type="button"
          className="button button-small"
          data-testid="due-mark-done"
          disabled={setState.isPending}
          onClick={() => setState.mutate({ id: item.id, state: "done" }, { onError: reportError })}
        >
          {t("followups.markDone")}
        </button>
      )}
    </li>
  );
}

function Group({ group }: { group: DueGroup }) {
  const { t } = useTranslation();
  const more = group.total - group.items.length;
  return (
    <section
      className={`due-group due-group-${group.bucket}`}
      data-testid={`bucket-${group.bucket}`}
      aria-labelledby={`due-${group.bucket}`}
    >
      <h3 id={`due-${group.bucket}`} className="due-group-heading">
        <span>{t(`followups.bucket.${group.bucket}`)}</span>
        <span className="due-group-count" data-testid={`bucket-count-${group.bucket}`}>
          {group.total}
        </span>
      </h3>
      {group.items.length === 0 ? (
        <p className="screen-note due-empty">{t("followups.emptyBucket")}</p>
      ) : (
        <ul className="due-rows">
          {group.items.map((item) => (
            <DueRow key={item.id} item={item} />
          ))}
        </ul>
      )}
      {more > 0 && <p className="hint">{t("followups.more", { count: more })}</p>}
    </section>
  );
}

function RemindersSwitch() {
  const { t } = useTranslation();
  const settings = useReminderSettings();
  const save = useSetReminderSettings();
  return (
    <Switch
      className="switch"
      data-testid="notifications-toggle"
      isSelected={settings.data?.notifications ?? true}
      isDisabled={!settings.isSuccess || save.isPending}
      onChange={(on) => save.mutate({ notifications: on }, { onError: reportError })}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      {t("followups.notifications")}
    </Switch>
  );
}

export function FollowUpsView() {
  const { t } = useTranslation();
  const list = useDueList();
  return (
    <section className="follow-ups-view" data-testid="follow-ups-view" aria-labelledby="follow-ups-title">
      <header className="screen-header follow-ups-header">
        <h2 id="follow-ups-title">{t("followups.title")}</h2>
        {list.data && <span className="inbox-total">{t("followups.today", { date: list.data.today })}</span>}
        <div className="button-row follow-ups-tools">
          <RemindersSwitch />
          <ExportCalendarDialog caseId={null} />
        </div>
      </header>
      {list.isPending && <p className="screen-note">{t("followups.loading")}</p>}
      {list.data?.groups.map((group) => (
        <Group key={group.bucket} group={group} />
      ))}
    </section>
  );
}
