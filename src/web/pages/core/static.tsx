// The accessibility statement, and the page for an address that leads nowhere.
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../../ui.tsx";

export function AccessibilityPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow prose">
      <Page title={t("a11y.title")} intro={t("a11y.intro")}>
        <h2>{t("a11y.statusHeading")}</h2>
        <p>{t("a11y.status")}</p>
        <h2>{t("a11y.howHeading")}</h2>
        <ul>
          <li>{t("a11y.how1")}</li>
          <li>{t("a11y.how2")}</li>
          <li>{t("a11y.how3")}</li>
          <li>{t("a11y.how4")}</li>
        </ul>
        <h2>{t("a11y.gapsHeading")}</h2>
        <p>{t("a11y.gaps")}</p>
        <h2>{t("a11y.reportHeading")}</h2>
        <p>{t("a11y.report")}</p>
        <p>{t("a11y.dos")}</p>
      </Page>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <Page title={t("notFound.title")} intro={t("notFound.intro")}>
        <p>
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </Page>
    </div>
  );
}
