//! The department as the interface language names it (see `departmentName`).
import { useTranslation } from "react-i18next";
import { departmentName } from "./options";

export function useDepartmentName(): (stored: string) => string {
  const { i18n } = useTranslation();
  return (stored) => departmentName(stored, i18n.language);
}
