import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import barometerEn from "./locales/barometer.en.json";
import barometerSv from "./locales/barometer.sv.json";
import en from "./locales/en.json";
import followupEn from "./locales/followup.en.json";
import followupSv from "./locales/followup.sv.json";
import sv from "./locales/sv.json";

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
export function applyLanguage(language: Language) {
  document.documentElement.lang = language;
  document.cookie = `tillit_lang=${language}; path=/; max-age=31536000; samesite=lax`;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the cookie still carries the choice for this session
  }
}

const initial = storedLanguage();
applyLanguage(initial);
void i18next.use(initReactI18next).init({
  resources: {
    sv: { translation: { ...sv, followup: followupSv, barometer: barometerSv } },
    en: { translation: { ...en, followup: followupEn, barometer: barometerEn } },
  },
  lng: initial,
  fallbackLng: "sv",
  interpolation: { escapeValue: false },
});
i18next.on("languageChanged", (language) => applyLanguage(language === "en" ? "en" : "sv"));

export const formatDateTime = (value: string | Date, language: string) =>
  new Date(value).toLocaleString(language === "en" ? "en-GB" : "sv-SE", {
    dateStyle: "medium",
    timeStyle: "short",
  });
export const formatNumber = (value: number, language: string) =>
  value.toLocaleString(language === "en" ? "en-GB" : "sv-SE");

export default i18next;
