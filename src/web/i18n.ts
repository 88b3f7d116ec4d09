// Swedish and English. The shared texts live in locales/; each module brings its own bundle, found
// under the module's name (`t("inventory.…")`), through the manifest.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./locales/en.json";
import sv from "./locales/sv.json";
import type { WebModule } from "./module.ts";

export type Language = "sv" | "en";
const STORAGE_KEY = "tillit.lang";

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "sv";
  } catch {
    return "sv";
  }
}

/** Swedish first; the choice is remembered, and sent to the server as a cookie so its messages follow. */
function applyLanguage(language: Language) {
  document.documentElement.lang = language;
  document.cookie = `tillit_lang=${language}; path=/; max-age=31536000; samesite=lax`;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the cookie still carries the choice for this session
  }
}

/** The shared texts with every module's bundle under its name, in one language. */
const bundle = (language: Language, modules: readonly WebModule[]) => ({
  ...(language === "sv" ? sv : en),
  ...Object.fromEntries(
    modules.flatMap((module) => (module.locales ? [[module.name, module.locales[language]]] : [])),
  ),
});

/** Starts translation in the remembered language, with the shared texts and the modules' bundles. */
export function startI18n(modules: readonly WebModule[]) {
  const initial = storedLanguage();
  applyLanguage(initial);
  void i18next.use(initReactI18next).init({
    resources: {
      sv: { translation: bundle("sv", modules) },
      en: { translation: bundle("en", modules) },
    },
    lng: initial,
    fallbackLng: "sv",
    interpolation: { escapeValue: false },
  });
  i18next.on("languageChanged", (language) => applyLanguage(language === "en" ? "en" : "sv"));
}
