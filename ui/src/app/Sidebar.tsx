//! The left column: status groups with counts, the "New question" button and
//! the department / tag filters that narrow the inbox.
import { useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { CaseFilter, CaseStatus, StatusCounts } from "../backend";
import { useDepartments, useStatusCounts, useTags } from "../cases/queries";
import { lockBook } from "../access/lock";
import { ExportImportDialog } from "../export/ExportImportDialog";
import { FollowUpsNav } from "../followups/FollowUpsNav";
import { SearchBox } from "../search/SearchBox";
import { hrefFor, navigate } from "./navigation";
import { useDepartmentName } from "../cases/useDepartmentName";

const GROUPS: ReadonlyArray<CaseStatus | "all"> = ["new", "drafting", "answered", "closed", "all"];

/** The options, plus the selected value if it has vanished from them. */
function withCurrent(options: string[] | undefined, current: string | null): string[] {
  const list = options ?? [];
  return current && !list.includes(current) ? [current, ...list] : list;
}

type Props = {
  filter: CaseFilter;
  onFilterChange: (filter: CaseFilter) => void;
};

export function Sidebar({ filter, onFilterChange }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const departmentName = useDepartmentName();
  const counts = useStatusCounts(filter);
  const departments = useDepartments();
  const tags = useTags();
  const departmentId = useId();
  const tagId = useId();

  const selectGroup = (group: CaseStatus | "all") => {
    onFilterChange({ ...filter, status: group === "all" ? null : group });
    navigate({ name: "inbox" });
  };

  const countOf = (group: keyof StatusCounts): string =>
    counts.data ? String(counts.data[group]) : "–";

  return (
    <aside className="sidebar">
      <h1 className="app-name">{t("app.name")}</h1>
      <SearchBox />
      <button
        type="button"
        className="button button-primary new-case"
        data-testid="new-case"
        onClick={() => navigate({ name: "new" })}
      >
        {t("nav.newCase")}
      </button>
      <nav aria-label={t("nav.primary")}>
        <ul className="status-groups">
          {GROUPS.map((group) => {
            const active = (filter.status ?? "all") === group;
            return (
              <li key={group}>
                <button
                  type="button"
                  className={active ? "status-group active" : "status-group"}
                  aria-pressed={active}
                  data-testid={`status-${group}`}
                  onClick={() => selectGroup(group)}
                >
                  <span className="status-group-label">{t(`status.${group}`)}</span>
                  <span className="status-group-count" data-testid={`count-${group}`}>
                    {countOf(group)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        <FollowUpsNav />
        <a className="status-group" href={hrefFor({ name: "templates" })} data-testid="nav-templates">
          <span className="status-group-label">{t("nav.templates")}</span>
        </a>
        <a className="status-group" href={hrefFor({ name: "profile" })} data-testid="nav-profile">
          <span className="status-group-label">{t("nav.profile")}</span>
        </a>
      </nav>
      <section className="filters" aria-label={t("nav.filters")}>
        <h2 className="sidebar-heading">{t("nav.filters")}</h2>
        <div className="field">
          <label htmlFor={departmentId}>{t("nav.department")}</label>
          <select
            id={departmentId}
            name="filter-department"
            data-testid="filter-department"
            value={filter.department ?? ""}
            onChange={(e) => onFilterChange({ ...filter, department: e.target.value || null })}
          >
            <option value="">{t("nav.anyDepartment")}</option>
            {withCurrent(departments.data, filter.department).map((d) => (
              <option key={d} value={d}>
                {departmentName(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={tagId}>{t("nav.tag")}</label>
          <select
            id={tagId}
            name="filter-tag"
            data-testid="filter-tag"
            value={filter.tag ?? ""}
            onChange={(e) => onFilterChange({ ...filter, tag: e.target.value || null })}
          >
            <option value="">{t("nav.anyTag")}</option>
            {withCurrent(tags.data, filter.tag).map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </div>
      </section>
      <ExportImportDialog />
      <button
        type="button"
        className="button lock-now"
        data-testid="lock-now"
        title={t("access.lock.nowHint")}
        aria-keyshortcuts="Control+L Meta+L"
        onClick={() => void lockBook(client, "manual")}
      >
        {t("access.lock.now")}
      </button>
    </aside>
  );
}
