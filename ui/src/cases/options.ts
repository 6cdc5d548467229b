//! The fixed choices a question offers (sex, age range), shared by the form
//! and the case view so both speak the same values as the backend.
import type { Sex } from "../backend";

export const SEXES: readonly Sex[] = ["female", "male", "other", "unspecified"];

export const AGE_RANGES: readonly string[] = [
  "0-9",
  "10-19",
  "20-29",
  "30-39",
  "40-49",
  "50-59",
  "60-69",
  "70-79",
  "80+",
];

export function isSex(value: string): value is Sex {
  return (SEXES as readonly string[]).includes(value);
}
