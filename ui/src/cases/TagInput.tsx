//! A token input for tags: type and press Enter or a comma (, ， or 、, or an
//! ideographic space) to add a chip, Backspace in the empty input or the ×
//! button to remove one. While an input method composes (Zhuyin, Cangjie),
//! Enter and commas belong to it: the tag is cut only once composition ends.
import { useId, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useComposition } from "../app/ime";
import { addTags, hasTagSeparator } from "./formModel";

type Props = {
  label: string;
  hint: string;
  tags: string[];
  draft: string;
  suggestions: string[];
  onTagsChange: (tags: string[]) => void;
  onDraftChange: (draft: string) => void;
};

export function TagInput({ label, hint, tags, draft, suggestions, onTagsChange, onDraftChange }: Props) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const listId = useId();

  const commit = () => {
    if (draft.trim() === "") return;
    onTagsChange(addTags(tags, draft));
    onDraftChange("");
  };

  const composition = useComposition();

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (composition.isComposingKey(event)) return;
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault(); // Enter must not submit the form here
      commit();
    } else if (event.key === "Backspace" && draft === "" && tags.length > 0) {
      event.preventDefault();
      onTagsChange(tags.slice(0, -1));
    }
  };

  const onChange = (value: string, composing: boolean) => {
    if (!composing && hasTagSeparator(value)) {
      onTagsChange(addTags(tags, value));
      onDraftChange("");
    } else {
      onDraftChange(value);
    }
  };

  return (
    <div className="field" data-field="tags">
      <label htmlFor={inputId}>{label}</label>
      <div className="token-input">
        <ul className="chips" aria-label={label} data-testid="tag-chips">
          {tags.map((tag) => (
            <li key={tag} className="chip">
              <span>{tag}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={t("form.removeTag", { tag })}
                onClick={() => onTagsChange(tags.filter((other) => other !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={inputId}
          name="tags"
          value={draft}
          list={listId}
          autoComplete="off"
          aria-describedby={hintId}
          onChange={(e) =>
            onChange(e.target.value, composition.composing.current || (e.nativeEvent as InputEvent).isComposing)
          }
          onKeyDown={onKeyDown}
          onCompositionStart={composition.onCompositionStart}
          onCompositionEnd={(e) => {
            composition.onCompositionEnd(e);
            onChange(e.currentTarget.value, false);
          }}
          onBlur={commit}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => !tags.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      </div>
      <p className="hint" id={hintId}>
        {hint}
      </p>
    </div>
  );
}
