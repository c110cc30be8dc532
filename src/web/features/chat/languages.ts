import type { WidgetLocale } from "../../../shared/schemas";

/** The widget's languages by their own names, as a visitor would look for them. */
export const LANGUAGE_NAMES: Record<WidgetLocale, string> = {
  en: "English",
  da: "Dansk",
  de: "Deutsch",
  sv: "Svenska",
  nl: "Nederlands",
  pl: "Polski",
  cs: "Čeština",
  sk: "Slovenčina",
  es: "Español",
  fr: "Français",
};
