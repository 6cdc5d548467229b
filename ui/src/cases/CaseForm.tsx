//! The question form, for a new case and for editing one without a reply.
//! It checks the input itself before sending, shows errors next to their
//! fields (its own and the backend's), and keeps everything typed on failure.
import { getLocalTimeZone, today as todayIn } from "@internationalized/date";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { clearError, reportError } from "../app/errorBanner";
import { hrefFor, navigate } from "../app/navigation";
import { BackendError, hasCode } from "../backend";
import { AskedOnField } from "./AskedOnField";
import { DepartmentField } from "./DepartmentField";
import { FieldError, errorId, useErrorText } from "./FieldError";
import {
  FORM_FIELDS,
  emptyForm,
  formFromQuestion,
  isFormField,
  recallNewCaseDraft,
  rememberNewCaseDraft,
  toQuestionInput,
  validate,
  type FormErrors,
  type FormValues,
} from "./formModel";
import { AGE_RANGES, SEXES } from "./options";
import { useCase, useDepartments, useSaveCase, useTags } from "./queries";
import { TagInput } from "./TagInput";

function localToday() {
  return todayIn(getLocalTimeZone());
}

/** Loads the case when editing, then shows the form. */
export function CaseForm({ caseId }: { caseId: number | null }) {
  if (caseId === null) {
    return <CaseFormBody caseId={null} initial={recallNewCaseDraft() ?? emptyForm(localToday())} />;
  }
  return <EditCase caseId={caseId} />;
}

function EditCase({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const query = useCase(caseId);
  if (query.isPending) return <p className="screen-note">{t("case.loading")}</p>;
  const back = (
    <a className="button" href={hrefFor({ name: "case", id: caseId })}>
      {t("form.cancel")}
    </a>
  );
  if (query.isError || query.data.reply !== null) {
    const message = query.isError
      ? hasCode(query.error, "not_found")
        ? t("case.notFound")
        : query.error.message
      : t("form.locked");
    return (
      <section className="case-form" data-testid="case-form-unavailable">
        <p className="screen-note" role="alert">
          {message}
        </p>
        {back}
      </section>
    );
  }
  return <CaseFormBody caseId={caseId} initial={formFromQuestion(query.data.question)} />;
}

type BodyProps = { caseId: number | null; initial: FormValues };

function CaseFormBody({ caseId, initial }: BodyProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveCase(caseId);
  const departments = useDepartments();
  const tags = useTags();
  const errorText = useErrorText(errors);
  const isNew = caseId === null;

  useEffect(() => {
    if (isNew) rememberNewCaseDraft(values);
  }, [isNew, values]);
  const ids = {
    title: useId(),
    body: useId(),
    asker: useId(),
    sex: useId(),
    age_range: useId(),
    source: useId(),
  };

  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    if (isFormField(field) && errors[field]) {
      setErrors((prev) => ({ ...prev, [field]: undefined }));
    }
  };

  const focusFirstError = (found: FormErrors) => {
    const first = FORM_FIELDS.find((field) => found[field]);
    if (!first) return;
    const holder = formRef.current?.querySelector(`[data-field="${first}"]`);
    holder
      ?.querySelector<HTMLElement>(
        'input:not([type="hidden"]), textarea, select, [role="spinbutton"]',
      )
      ?.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    clearError();
    const found = validate(values, localToday());
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    save.mutate(toQuestionInput(values), {
      onSuccess: (saved) => {
        if (isNew) rememberNewCaseDraft(null);
        navigate({ name: "case", id: saved.id });
      },
      onError: (error) => {
        if (error instanceof BackendError && error.code === "invalid" && isFormField(error.field)) {
          const fieldErrors: FormErrors = { [error.field]: { text: error.message } };
          setErrors(fieldErrors);
          focusFirstError(fieldErrors);
        } else {
          reportError(error);
        }
      },
    });
  };

  const cancelHref = hrefFor(caseId === null ? { name: "inbox" } : { name: "case", id: caseId });
  const describedBy = (field: keyof typeof ids) => (errors[field] ? errorId(field) : undefined);
  const invalid = (field: keyof typeof ids) => (errors[field] ? true : undefined);

  return (
    <form
      ref={formRef}
      className="case-form"
      data-testid="case-form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="case-form-heading"
    >
      <header className="screen-header">
        <h2 id="case-form-heading">{t(caseId === null ? "form.newTitle" : "form.editTitle")}</h2>
      </header>

      <div className="field" data-field="title">
        <label htmlFor={ids.title}>
          {t("form.title")}<span className="required">{t("form.required")}</span>
        </label>
        <input
          id={ids.title}
          name="title"
          value={values.title}
          onChange={(e) => set("title", e.target.value)}
          aria-invalid={invalid("title")}
          aria-describedby={describedBy("title")}
          aria-required="true"
        />
        <FieldError field="title" text={errorText("title")} />
      </div>

      <div className="field" data-field="body">
        <label htmlFor={ids.body}>
          {t("form.body")}<span className="required">{t("form.required")}</span>
        </label>
        <textarea
          id={ids.body}
          name="body"
          rows={10}
          value={values.body}
          onChange={(e) => set("body", e.target.value)}
          aria-invalid={invalid("body")}
          aria-describedby={describedBy("body")}
          aria-required="true"
        />
        <FieldError field="body" text={errorText("body")} />
      </div>

      <div className="field-grid">
        <div className="field" data-field="asker">
          <label htmlFor={ids.asker}>{t("form.asker")}</label>
          <input
            id={ids.asker}
            name="asker"
            value={values.asker}
            onChange={(e) => set("asker", e.target.value)}
            aria-invalid={invalid("asker")}
            aria-describedby={describedBy("asker")}
          />
          <FieldError field="asker" text={errorText("asker")} />
        </div>

        <div className="field" data-field="sex">
          <label htmlFor={ids.sex}>{t("form.sex")}</label>
          <select id={ids.sex} name="sex" value={values.sex} onChange={(e) => set("sex", e.target.value)}>
            <option value="">{t("form.notSpecified")}</option>
            {SEXES.map((sex) => (
              <option key={sex} value={sex}>
                {t(`sex.${sex}`)}
              </option>
            ))}
          </select>
          <FieldError field="sex" text={errorText("sex")} />
        </div>

        <div className="field" data-field="age_range">
          <label htmlFor={ids.age_range}>{t("form.ageRange")}</label>
          <select
            id={ids.age_range}
            name="age_range"
            value={values.age_range}
            onChange={(e) => set("age_range", e.target.value)}
          >
            <option value="">{t("form.notSpecified")}</option>
            {AGE_RANGES.map((range) => (
              <option key={range} value={range}>
                {range}
              </option>
            ))}
          </select>
          <FieldError field="age_range" text={errorText("age_range")} />
        </div>

        <AskedOnField
          value={values.asked_on}
          maxValue={localToday()}
          error={errorText("asked_on")}
          onChange={(date) => set("asked_on", date)}
        />

        <DepartmentField
          value={values.department}
          departments={departments.data ?? []}
          error={errorText("department")}
          onChange={(text) => set("department", text)}
        />

        <div className="field" data-field="source">
          <label htmlFor={ids.source}>{t("form.source")}</label>
          <input
            id={ids.source}
            name="source"
            value={values.source}
            placeholder={t("form.sourcePlaceholder")}
            onChange={(e) => set("source", e.target.value)}
            aria-invalid={invalid("source")}
            aria-describedby={describedBy("source")}
          />
          <FieldError field="source" text={errorText("source")} />
        </div>
      </div>

      <TagInput
        label={t("form.tags")}
        hint={t("form.tagsHint")}
        tags={values.tags}
        draft={values.tagDraft}
        suggestions={tags.data ?? []}
        onTagsChange={(next) => set("tags", next)}
        onDraftChange={(draft) => set("tagDraft", draft)}
      />
      <FieldError field="tags" text={errorText("tags")} />

      {Object.values(errors).some(Boolean) && (
        <p className="form-summary" role="alert">
          {t("form.invalidSummary")}
        </p>
      )}

      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="save-case" disabled={save.isPending}>
          {save.isPending ? t("form.saving") : t("form.save")}
        </button>
        <a
          className="button"
          href={cancelHref}
          data-testid="cancel-case"
          onClick={() => isNew && rememberNewCaseDraft(null)}
        >
          {t("form.cancel")}
        </a>
      </div>
    </form>
  );
}
