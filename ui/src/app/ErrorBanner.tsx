//! The visible banner for backend errors that belong to no single field.
import { useTranslation } from "react-i18next";
import { clearError, useReportedError } from "./errorBanner";

export function ErrorBanner() {
  const { t } = useTranslation();
  const error = useReportedError();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code}>
      <span className="error-banner-label">{t("errors.bannerLabel")}:</span>
      <span className="error-banner-message">{error.message}</span>
      <button type="button" className="button button-quiet" onClick={clearError}>
        {t("errors.dismiss")}
      </button>
    </div>
  );
}
