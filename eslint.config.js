// Lint rules for the Casebook front end (ui/). Type-aware typescript-eslint,
// React hooks rules, a guard that keeps `invoke` inside ui/src/backend/, and
// i18next/no-literal-string, which keeps words out of components: text in JSX
// and in user-facing attributes (aria-label, title, placeholder, alt…) must
// come from t(), so both languages say everything.
import js from "@eslint/js";
import i18next from "eslint-plugin-i18next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["ui/dist/**", "node_modules/**", "src-tauri/**", "target/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ["ui/**/*.{ts,tsx}"],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "react-hooks": reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "Render patient text as text; never dangerouslySetInnerHTML.",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@tauri-apps/api/core",
              importNames: ["invoke"],
              message: "Only ui/src/backend/ may call invoke.",
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            // Attributes that are values for code, never words for people.
            exclude: [
              "className",
              "style",
              "type",
              "key",
              "id",
              "name",
              "htmlFor",
              "role",
              "href",
              "slot",
              "value",
              "autoComplete",
              "inputMode",
              "lang",
              "dir",
              "target",
              "rel",
              "data-.*",
              "testId",
              "errorTestId",
              "repeatTestId",
              "dataField",
              "aria-keyshortcuts",
              "aria-live",
              "aria-haspopup",
              "aria-current",
              "aria-busy",
              "menuTrigger",
              "validationBehavior",
              "granularity",
              "segment",
              "variant",
              "size",
            ],
          },
          // Symbols and punctuation that read the same in every language.
          words: { exclude: [/^[\s\p{P}\p{S}\d]*$/u] },
        },
      ],
    },
  },
  {
    // Tests speak to components in the words a clinician sees.
    files: ["ui/**/*.test.{ts,tsx}", "ui/src/test/**"],
    rules: { "i18next/no-literal-string": "off" },
  },
  {
    files: ["ui/src/backend/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
);
