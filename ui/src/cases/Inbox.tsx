//! The inbox: every case matching the filter, newest first, in one virtualized
//! list. Only the visible rows are in the DOM, and rows are fetched in pages of
//! PAGE_SIZE by offset as they scroll into view, so 100,000 cases stay smooth.
import { useQueries } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { reportInboxShown, type CaseFilter, type CaseSummary } from "../backend";
import { SelectBox, SelectedExport } from "../export/SelectedExport";
import { CaseRow, CaseRowPlaceholder, ROW_HEIGHT } from "./CaseRow";
import { PAGE_SIZE, casePageQuery, useCasePage } from "./queries";

/** Scroll offsets per filter, so "Back to inbox" returns to the same place. */
const scrollMemory = new Map<string, number>();

function filterKey(filter: CaseFilter): string {
  return JSON.stringify([filter.status, filter.department, filter.tag]);
}

export function Inbox({ filter }: { filter: CaseFilter }) {
  const { t } = useTranslation();
  const first = useCasePage(filter, 0);
  const total = first.data?.total ?? 0;
  const filtered = filter.status !== null || filter.department !== null || filter.tag !== null;
  // Cases picked for a PDF export (see export/SelectedExport).
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  let content;
  if (first.isPending) {
    content = <p className="inbox-note">{t("inbox.loadingRow")}</p>;
  } else if (first.isError) {
    content = <p className="inbox-note">{first.error.message}</p>;
  } else if (total === 0) {
    content = (
      <p className="inbox-note" data-testid="inbox-empty">
        {t(filtered ? "inbox.emptyFiltered" : "inbox.empty")}
      </p>
    );
  } else {
    content = (
      <CaseList key={filterKey(filter)} filter={filter} total={total} selected={selected} onToggle={toggle} />
    );
  }

  return (
    <section className="inbox" data-testid="inbox" aria-labelledby="inbox-heading">
      <header className="screen-header">
        <h2 id="inbox-heading">{t(`status.${filter.status ?? "all"}`)}</h2>
        {first.data && (
          <span className="inbox-total" data-testid="inbox-total">
            {t("inbox.count", { count: total })}
          </span>
        )}
      </header>
      {selected.size > 0 && <SelectedExport ids={[...selected]} onClear={() => setSelected(new Set())} />}
      {content}
    </section>
  );
}

type ListProps = {
  filter: CaseFilter;
  total: number;
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
};

function CaseList({ filter, total, selected, onToggle }: ListProps) {
  const { t } = useTranslation();
  const key = filterKey(filter);
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual's API is not memoizable by the React compiler; this
  // component does not rely on memoization of its results.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialOffset: () => scrollMemory.get(key) ?? 0,
    // The list has not been measured at the first render: assume it fills
    // the window's height, so the first frame already shows rows instead
    // of waiting one frame for the measurement (a launch's costliest step).
    initialRect: { width: 0, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();

  const pageIndexes = [...new Set(items.map((item) => Math.floor(item.index / PAGE_SIZE)))];
  const pages = useQueries({
    queries: pageIndexes.map((page) => casePageQuery(filter, page)),
  });
  const rowsByPage = new Map<number, CaseSummary[]>();
  pageIndexes.forEach((page, i) => {
    const data = pages[i]?.data;
    if (data) rowsByPage.set(page, data.items);
  });

  const showsRows = items.length > 0 && rowsByPage.size > 0;
  useEffect(() => {
    if (showsRows) reportInboxShown();
  }, [showsRows]);

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(total - 1, index));
      virtualizer.scrollToIndex(target, { align: "auto" });
      requestAnimationFrame(() => {
        scrollRef.current
          ?.querySelector<HTMLElement>(`[data-index="${target}"] [data-testid="case-row"]`)
          ?.focus();
      });
    },
    [total, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const holder = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
    if (!holder) return;
    const index = Number(holder.dataset.index);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: total - 1,
      PageDown: index + 8,
      PageUp: index - 8,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusRow(next);
  };

  return (
    <div
      ref={scrollRef}
      className="case-list"
      role="list"
      aria-label={t("inbox.label")}
      onScroll={(e) => scrollMemory.set(key, e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="case-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const page = Math.floor(item.index / PAGE_SIZE);
          const summary = rowsByPage.get(page)?.[item.index - page * PAGE_SIZE];
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              className="case-list-item selectable"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {summary && (
                <SelectBox
                  id={summary.id}
                  title={summary.title}
                  checked={selected.has(summary.id)}
                  onToggle={onToggle}
                />
              )}
              {summary ? <CaseRow summary={summary} /> : <CaseRowPlaceholder />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
