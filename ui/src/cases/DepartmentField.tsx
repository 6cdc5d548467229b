//! Department: pick one the case book has, or a known one (named in the
//! interface language), or type a new one (react-aria ComboBox with custom
//! values). What is picked or typed is stored as it reads in the field. Enter, Escape and the arrows wait for an input
//! method's composition to end before the combobox sees them.
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useImeGuard } from "../app/ime";
import { errorId } from "./FieldError";
import { departmentSuggestions, type DepartmentSuggestion } from "./options";

type Props = {
  value: string;
  departments: string[];
  error: string | null;
  onChange: (value: string) => void;
};

export function DepartmentField({ value, departments, error, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const imeGuard = useImeGuard();
  const items = departmentSuggestions(departments, i18n.language);
  return (
    <ComboBox
      className="field"
      data-field="department"
      name="department"
      allowsCustomValue
      allowsEmptyCollection
      menuTrigger="focus"
      inputValue={value}
      onInputChange={onChange}
      defaultItems={items}
      isInvalid={error !== null}
      validationBehavior="aria"
    >
      <Label>{t("form.department")}</Label>
      <div className="combo" {...imeGuard}>
        <Input className="combo-input" />
        <Button className="combo-button" aria-label={t("form.showSuggestions")}>
          ▾
        </Button>
      </div>
      <Text slot="description" className="hint">
        {t("form.departmentHint")}
      </Text>
      {error !== null && (
        <Text slot="errorMessage" className="field-error" id={errorId("department")} data-testid="error-department">
          {error}
        </Text>
      )}
      <Popover className="popover">
        <ListBox className="listbox">
          {(item: DepartmentSuggestion) => (
            <ListBoxItem className="listbox-item" id={item.id} textValue={item.id}>
              {item.label}
              {item.label !== item.id && <span className="hint"> {item.id}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
