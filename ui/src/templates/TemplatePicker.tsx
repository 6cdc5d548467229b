//! A searchable list of templates for the reply editor, filtered to the
//! case's department (and the all-department ones). Keyboard: type to
//! filter, Enter inserts the first match, ↓/↑ move through the list,
//! Escape closes it and returns to the button. None of these keys act while
//! an input method is composing in the search field.
import { useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useComposition } from "../app/ime";
import { useTemplates } from "../replies/queries";

export function TemplatePicker({ department, onPick }: { department: string | null; onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const templates = useTemplates(query, department);
  const trigger = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const composition = useComposition();

  const pick = (id: number) => {
    setOpen(false);
    onPick(id);
  };
  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  const options = () => [...(list.current?.querySelectorAll<HTMLButtonElement>("[data-testid=template-option]") ?? [])];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (composition.isComposingKey(e)) return;
    if (e.key === "Escape") {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const all = options();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : at - 1;
    if (next < 0) (e.currentTarget.querySelector("input") ?? trigger.current)?.focus();
    else all[next]?.focus();
  };

  return (
    <div className="template-picker">
      <button
        ref={trigger}
        type="button"
        className="button"
        data-testid="insert-template"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        {t("templates.insert")}
      </button>
      {open && (
        <div className="template-picker-popup" data-testid="template-picker" onKeyDown={onKeyDown}>
          <input
            type="search"
            className="input"
            data-testid="template-search"
            aria-label={t("templates.search")}
            placeholder={t("templates.search")}
            value={query}
            autoFocus
            onChange={(e) => setQuery(e.target.value)}
            onCompositionStart={composition.onCompositionStart}
            onCompositionEnd={composition.onCompositionEnd}
            onKeyDown={(e) => {
              const first = templates.data?.[0];
              if (e.key === "Enter" && first && !composition.isComposingKey(e)) {
                e.preventDefault();
                pick(first.id);
              }
            }}
          />
          <ul className="template-options" ref={list}>
            {(templates.data ?? []).map((tpl) => (
              <li key={tpl.id}>
                <button
                  type="button"
                  className="link-button"
                  data-testid="template-option"
                  data-name={tpl.name}
                  onClick={() => pick(tpl.id)}
                >
                  {tpl.name}
                  {tpl.trigger && <span className="hint"> .{tpl.trigger}</span>}
                </button>
              </li>
            ))}
            {templates.data?.length === 0 && <li className="hint">{t("templates.none")}</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
