//! The template library: search, create, edit, duplicate and delete
//! templates. A template the core refuses (syntax, unknown variable, a
//! missing or circular include) shows the message with its line and column.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  updateTemplate,
  type BackendError,
  type Template,
  type TemplateInput,
} from "../backend";
import { useTemplates } from "../replies/queries";
import { useDepartmentName } from "../cases/useDepartmentName";

/** Template syntax, shown as is (code, not prose to translate). */
const SYNTAX = [
  "{{ asker }} {{ sex }} {{ age_range }} {{ asked_on }} {{ department }} {{ question_title }} {{ question_quote }}",
  "{{ clinician }} {{ affiliation }} {{ signature }} {{ closing }} {{ today }} {{ next_follow_up }}",
  '{% if sex == "female" %}…{% elif age_range == "60-69" %}…{% endif %}   {% include "Closing" %}',
  'Blank: ***   Pick-list: {{ pick("rest", "see a clinic") }} → [[rest|see a clinic]]',
].join("\n");

const EMPTY: TemplateInput = { name: "", department: null, trigger: null, body: "" };

export function TemplateLibrary() {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<{ id: number | null; input: TemplateInput } | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const templates = useTemplates(query, null);
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ["templates"] });
  const save = useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: TemplateInput }) =>
      id === null ? createTemplate(input) : updateTemplate(id, input),
    onSuccess: () => {
      setEditing(null);
      setError(null);
      refresh();
    },
    onError: (e: BackendError) => setError(e),
  });
  const duplicate = useMutation({ mutationFn: duplicateTemplate, onSuccess: refresh, onError: setError });
  const remove = useMutation({ mutationFn: deleteTemplate, onSuccess: refresh, onError: setError });

  const edit = (tpl: Template | null) => {
    setError(null);
    setEditing(
      tpl
        ? { id: tpl.id, input: { name: tpl.name, department: tpl.department, trigger: tpl.trigger, body: tpl.body } }
        : { id: null, input: EMPTY },
    );
  };
  const set = (patch: Partial<TemplateInput>) => setEditing((e) => (e ? { ...e, input: { ...e.input, ...patch } } : e));

  return (
    <section className="template-library" data-testid="template-library">
      <header className="screen-header">
        <h2>{t("templates.title")}</h2>
      </header>
      <p className="hint">{t("templates.syntaxHelp")}</p>
      <pre className="hint template-syntax">{SYNTAX}</pre>
      <div className="button-row">
        <input
          type="search"
          className="input"
          data-testid="library-search"
          aria-label={t("templates.search")}
          placeholder={t("templates.search")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button button-primary" data-testid="new-template" onClick={() => edit(null)}>
          {t("templates.new")}
        </button>
      </div>
      {error && !editing && (
        <p className="field-error" role="alert" data-testid="library-error">
          {error.message}
        </p>
      )}
      {editing && (
        <form
          className="panel template-form"
          data-testid="template-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(editing);
          }}
        >
          <label className="field">
            {t("templates.name")}
            <input className="input" data-testid="template-name" value={editing.input.name} onChange={(e) => set({ name: e.target.value })} />
          </label>
          <label className="field">
            {t("templates.department")}
            <input
              className="input"
              data-testid="template-department"
              placeholder={t("templates.allDepartments")}
              value={editing.input.department ?? ""}
              onChange={(e) => set({ department: e.target.value || null })}
            />
          </label>
          <label className="field">
            {t("templates.trigger")}
            <input
              className="input"
              data-testid="template-trigger"
              value={editing.input.trigger ?? ""}
              onChange={(e) => set({ trigger: e.target.value || null })}
            />
          </label>
          <label className="field">
            {t("templates.body")}
            <textarea
              className="reply-text"
              rows={12}
              data-testid="template-body"
              value={editing.input.body}
              onChange={(e) => set({ body: e.target.value })}
            />
          </label>
          {error && (
            <p className="field-error" role="alert" data-testid="template-error">
              {error.message}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" data-testid="save-template" disabled={save.isPending}>
              {t("templates.save")}
            </button>
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t("templates.cancel")}
            </button>
          </div>
        </form>
      )}
      <ul className="template-list">
        {(templates.data ?? []).map((tpl) => (
          <li key={tpl.id} className="panel" data-testid="template-row" data-name={tpl.name}>
            <div className="template-row-head">
              <strong>{tpl.name}</strong>
              <span className="hint">
                {tpl.department ? departmentName(tpl.department) : t("templates.allDepartments")}
                {tpl.trigger && ` · .${tpl.trigger}`}
              </span>
            </div>
            <div className="button-row">
              <button type="button" className="button" data-testid="edit-template" onClick={() => edit(tpl)}>
                {t("templates.edit")}
              </button>
              <button type="button" className="button" data-testid="duplicate-template" onClick={() => duplicate.mutate(tpl.id)}>
                {t("templates.duplicate")}
              </button>
              <button type="button" className="button" data-testid="delete-template" onClick={() => remove.mutate(tpl.id)}>
                {t("templates.delete")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
