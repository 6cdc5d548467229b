//! Search results (#/search?q=…): the best matches for the query, each with
//! its highlighted snippet, narrowed by status, department, tag and asked-on
//! dates. An empty query lists the most recent cases. Results open the case.
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { hrefFor } from "../app/navigation";
import type { CaseStatus, SearchHit, SearchRequest } from "../backend";
import { useDepartments, useTags } from "../cases/queries";
import { StatusBadge } from "../cases/StatusBadge";
import { Highlighted } from "./Highlighted";
import { useSearch } from "./queries";
import { DateField, dayOrNull } from "../app/DateField";
import { useDepartmentName } from "../cases/useDepartmentName";

const STATUSES: CaseStatus[] = ["new", "drafting", "answered", "closed"];
/** Wait this long after the last keystroke before searching. */
const DEBOUNCE_MS = 120;

type Filters = Omit<SearchRequest, "query">;
const NO_FILTERS: Filters = { status: null, department: null, tag: null, asked_from: null, asked_to: null };

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function SearchView({ query }: { query: string }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const settledQuery = useDebounced(query, DEBOUNCE_MS);
  const results = useSearch({ query: settledQuery, ...filters });
  const data = results.data;

  let body;
  if (results.isPending) {
    body = <p className="screen-note">{t("search.searching")}</p>;
  } else if (results.isError) {
    body = (
      <p className="screen-note" role="alert">
        {results.error.message}
      </p>
    );
  } else if (data && data.hits.length === 0) {
    body = (
      <p className="screen-note" data-testid="search-empty">
        {t("search.noResults")}
      </p>
    );
  } else if (data) {
    body = (
      <ol className="search-results" aria-busy={results.isPlaceholderData}>
        {data.hits.map((hit) => (
          <SearchResult key={hit.id} hit={hit} />
        ))}
      </ol>
    );
  }

  const heading = data?.matched === "recent" || settledQuery.trim() === "" ? t("search.recent") : t("search.results");
  return (
    <section className="search-view" data-testid="search-view" aria-labelledby="search-heading">
      <header className="screen-header">
        <h2 id="search-heading">{heading}</h2>
        {data && data.matched !== "recent" && (
          <span className="inbox-total" data-testid="search-count">
            {t("search.count", { count: data.hits.length })}
          </span>
        )}
      </header>
      <SearchFilters filters={filters} onChange={setFilters} />
      {data?.truncated && (
        <p className="hint" data-testid="search-truncated">
          {t("search.truncated")}
        </p>
      )}
      {data?.matched === "any" && (
        <p className="hint" data-testid="search-any">
          {t("search.anyWords")}
        </p>
      )}
      {body}
    </section>
  );
}

function SearchResult({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  return (
    <li>
      <a className="search-result" data-testid="search-result" href={hrefFor({ name: "case", id: hit.id })}>
        <span className="search-result-head">
          <span className="search-result-title" data-testid="search-result-title">
            <Highlighted segments={hit.title} />
          </span>
          <StatusBadge status={hit.status} />
        </span>
        <span className="search-result-meta">
          <time dateTime={hit.asked_on}>{hit.asked_on}</time>
          {" · "}
          {hit.department ? departmentName(hit.department) : t("inbox.noDepartment")}
          {hit.asker && ` · ${hit.asker}`}
          {hit.tags.length > 0 && ` · ${hit.tags.join(", ")}`}
        </span>
        <span className="search-snippet" data-testid="search-snippet">
          {hit.snippet_source === "reply" && <span className="search-snippet-source">{t("search.inReply")} </span>}
          <Highlighted segments={hit.snippet} />
        </span>
      </a>
    </li>
  );
}

function SearchFilters({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  const departments = useDepartments();
  const tags = useTags();
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <div className="search-filters" role="group" aria-label={t("search.filters")}>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("case.status")}</label>
        <select
          id={`${id}-status`}
          data-testid="search-filter-status"
          value={filters.status ?? ""}
          onChange={(e) => set({ status: (e.target.value || null) as CaseStatus | null })}
        >
          <option value="">{t("search.anyStatus")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-department`}>{t("nav.department")}</label>
        <select
          id={`${id}-department`}
          data-testid="search-filter-department"
          value={filters.department ?? ""}
          onChange={(e) => set({ department: e.target.value || null })}
        >
          <option value="">{t("nav.anyDepartment")}</option>
          {(departments.data ?? []).map((d) => (
            <option key={d} value={d}>
              {departmentName(d)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tag`}>{t("nav.tag")}</label>
        <select
          id={`${id}-tag`}
          data-testid="search-filter-tag"
          value={filters.tag ?? ""}
          onChange={(e) => set({ tag: e.target.value || null })}
        >
          <option value="">{t("nav.anyTag")}</option>
          {(tags.data ?? []).map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <DateField
        label={t("search.askedFrom")}
        testId="search-filter-from"
        value={dayOrNull(filters.asked_from)}
        onChange={(day) => set({ asked_from: day ? day.toString() : null })}
      />
      <DateField
        label={t("search.askedTo")}
        testId="search-filter-to"
        value={dayOrNull(filters.asked_to)}
        onChange={(day) => set({ asked_to: day ? day.toString() : null })}
      />
    </div>
  );
}
