/** @jsxImportSource preact */
import { render } from "preact";
import type { WidgetConfig } from "../../shared/schemas";
import { isMessage, type ToFrame } from "../protocol";
import { App } from "./App";
import { Controller } from "./controller";
import { pickLocale, TEXTS } from "./i18n";
import "./styles.css";

/** White or near-black text, whichever reads better on the inbox's color (WCAG relative luminance). */
function onColor(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#111827";
}

const raw = document.getElementById("rapport-config")?.textContent;
const config = JSON.parse(raw ?? "null") as (WidgetConfig & { parentOrigin: string }) | null;
if (config) {
  const locale = pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language], config.languages);
  document.documentElement.lang = locale;
  document.documentElement.style.setProperty("--brand", config.primaryColor);
  document.documentElement.style.setProperty("--on-brand", onColor(config.primaryColor));
  const ctl = new Controller(config, locale, TEXTS[locale]);
  // Only the page that embeds us (the origin Rapport checked against the allowed sites) may talk to the chat.
  window.addEventListener("message", (e: MessageEvent) => {
    if (e.source !== window.parent || e.origin !== config.parentOrigin || !isMessage(e.data)) return;
    const m = e.data as ToFrame;
    if (m.type === "open") ctl.setOpen(true);
    else if (m.type === "closed") ctl.setOpen(false);
    else if (m.type === "identify") void ctl.identify(m.user, m.hmac);
    else if (m.type === "reset") void ctl.reset();
    else if (m.type === "context") ctl.setHost({ url: String(m.url), title: String(m.title), referrer: String(m.referrer) });
  });
  render(<App ctl={ctl} />, document.getElementById("app") as HTMLElement);
  ctl.toLoader({ rapport: 1, type: "ready" });
  void ctl.boot();
  // Opened directly (not embedded, e.g. the help center's "chat with us" link): it is always open.
  if (window.parent === window) ctl.setOpen(true);
}
