//! A searchable list of templates for the reply editor, filtered to the
//! case's department (and the all-department ones).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTemplates } from "../replies/queries";

export function TemplatePicker({ department, onPick }: { department: string | null; onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const templates = useTemplates(query, department);
  return (
    <div className="template-picker">
      <button type="button" className="button" data-testid="insert-template" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t("templates.insert")}
      </button>
      {open && (
        <div className="template-picker-popup" data-testid="template-picker">
          <input
            type="search"
            className="input"
            data-testid="template-search"
            aria-label={t("templates.search")}
            placeholder={t("templates.search")}
            value={query}
            autoFocus
            onChange={(e) => setQuery(e.target.value)}
          />
          <ul className="template-options">
            {(templates.data ?? []).map((tpl) => (
              <li key={tpl.id}>
                <button
                  type="button"
                  className="link-button"
                  data-testid="template-option"
                  data-name={tpl.name}
                  onClick={() => {
                    setOpen(false);
                    onPick(tpl.id);
                  }}
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
