import { type IdentifyUser, isMessage, type ToFrame, type ToLoader } from "../protocol";
import { styles } from "./styles";

/**
 * The snippet's script: a launcher button in a closed shadow root (the page's CSS can't reach in, ours
 * can't leak out) and, on first open, the chat itself in an iframe served by Rapport. It defines one
 * global, `window.Rapport`, and picks up calls queued on a stub before it loaded (`Rapport.q`).
 */
type Api = {
  version: string;
  identify(user: IdentifyUser, hmac?: string): void;
  open(): void;
  close(): void;
  toggle(): void;
  /** The site's user signed out: forget them on this browser. */
  reset(): void;
};
type Stub = { q?: [string, unknown[]][] } & Partial<Api>;

const CHAT =
  '<svg class="bubble" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 3C6.5 3 2 6.9 2 11.7c0 2.5 1.2 4.7 3.2 6.3-.2 1.3-.8 2.6-1.8 3.6 2 0 3.8-.7 5.1-1.8 1.1.3 2.3.5 3.5.5 5.5 0 10-3.9 10-8.6S17.5 3 12 3Z"/></svg>';
const CLOSE =
  '<svg class="x" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>';

(() => {
  const w = window as unknown as { Rapport?: Stub };
  const script = document.currentScript as HTMLScriptElement | null;
  const inbox = script?.getAttribute("data-inbox");
  if (!script || !inbox) return console.warn("Rapport: the chat snippet needs data-inbox");
  if (w.Rapport?.version) return; // pasted twice
  const base = new URL(script.src).origin;
  const queued = Array.isArray(w.Rapport?.q) ? w.Rapport.q : [];
  const activeKey = `rapport:${inbox}:active`;
  const store = {
    get: () => {
      try {
        return localStorage.getItem(activeKey) === "1";
      } catch {
        return false;
      }
    },
    set: (on: boolean) => {
      try {
        on ? localStorage.setItem(activeKey, "1") : localStorage.removeItem(activeKey);
      } catch {}
    },
  };

  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let isOpen = false;
  let toFrame: ToFrame[] = [];
  let identity: ToFrame | null = null;
  let ui: { panel: HTMLElement; launcher: HTMLButtonElement; badge: HTMLElement; spinner: HTMLElement; name: string } | null = null;
  const pendingCalls: (() => void)[] = [];

  const post = (m: ToFrame) => {
    if (ready && frame?.contentWindow) frame.contentWindow.postMessage(m, base);
    else toFrame.push(m);
  };
  const context = (): ToFrame => ({
    rapport: 1,
    type: "context",
    url: location.href,
    title: document.title.slice(0, 300),
    referrer: document.referrer,
  });

  const api: Api = {
    version: "1",
    identify(user, hmac) {
      if (!user || typeof user.id !== "string") return console.warn("Rapport.identify needs { id }");
      identity = { rapport: 1, type: "identify", user: { id: user.id, email: user.email, name: user.name }, hmac };
      if (frame) post(identity);
    },
    open: () => (ui ? setOpen(true) : pendingCalls.push(() => setOpen(true))),
    close: () => ui && setOpen(false),
    toggle: () => ui && setOpen(!isOpen),
    reset() {
      identity = null;
      store.set(false);
      if (frame) post({ rapport: 1, type: "reset" });
    },
  };
  w.Rapport = api;
  for (const [name, args] of queued) (api as unknown as Record<string, (...a: unknown[]) => void>)[name]?.(...args);

  function ensureFrame() {
    if (frame || !ui) return;
    frame = document.createElement("iframe");
    frame.title = ui.name;
    frame.allow = "clipboard-write";
    frame.src = `${base}/widget/frame?inbox=${encodeURIComponent(inbox!)}&origin=${encodeURIComponent(location.origin)}`;
    ui.panel.appendChild(frame);
    if (identity && !toFrame.includes(identity)) toFrame.push(identity);
  }

  function setOpen(open: boolean) {
    if (!ui) return;
    isOpen = open;
    if (open) ensureFrame();
    ui.panel.classList.toggle("open", open);
    ui.panel.setAttribute("aria-hidden", String(!open));
    ui.launcher.setAttribute("aria-expanded", String(open));
    ui.launcher.setAttribute("aria-label", open ? "Close chat" : `Open chat: ${ui.name}`);
    post({ rapport: 1, type: open ? "open" : "closed" });
    if (open && ready) frame?.focus();
    if (!open && frame && document.activeElement === hostEl) ui.launcher.focus();
  }

  let hostEl: HTMLElement | null = null;
  function render(cfg: { name: string; primaryColor: string; position: "left" | "right" }) {
    const color = /^#[0-9a-f]{6}$/i.test(cfg.primaryColor) ? cfg.primaryColor : "#1f6feb";
    hostEl = document.createElement("rapport-chat");
    hostEl.setAttribute("style", "all:initial!important;display:block!important;position:static!important");
    const root = hostEl.attachShadow({ mode: "closed" });
    root.innerHTML = `<style>${styles(color, cfg.position === "left" ? "left" : "right")}</style>
<div class="panel" role="dialog" aria-hidden="true"><div class="spinner" role="status"></div></div>
<button class="launcher" type="button" aria-expanded="false">${CHAT}${CLOSE}<span class="badge" hidden></span></button>`;
    const panel = root.querySelector(".panel") as HTMLElement;
    panel.setAttribute("aria-label", cfg.name);
    const launcher = root.querySelector(".launcher") as HTMLButtonElement;
    launcher.setAttribute("aria-label", `Open chat: ${cfg.name}`);
    ui = {
      panel,
      launcher,
      badge: root.querySelector(".badge") as HTMLElement,
      spinner: root.querySelector(".spinner") as HTMLElement,
      name: cfg.name,
    };
    launcher.addEventListener("click", () => setOpen(!isOpen));
    root.addEventListener("keydown", (e) => {
      if ((e as KeyboardEvent).key === "Escape" && isOpen) setOpen(false);
    });
    document.body.appendChild(hostEl);
    for (const c of pendingCalls.splice(0)) c();
    // A conversation going on: load the chat in the background, so replies show on the badge at once.
    if (store.get()) setTimeout(ensureFrame, 800);
  }

  window.addEventListener("message", (e: MessageEvent) => {
    if (!frame || e.source !== frame.contentWindow || e.origin !== base || !isMessage(e.data) || !ui) return;
    const m = e.data as ToLoader;
    if (m.type === "ready") {
      ready = true;
      ui.spinner.hidden = true;
      const out = [context(), ...toFrame, { rapport: 1, type: isOpen ? "open" : "closed" } as ToFrame];
      toFrame = [];
      for (const x of out) post(x);
      if (isOpen) frame.focus();
    } else if (m.type === "close") setOpen(false);
    else if (m.type === "unread") {
      ui.badge.hidden = m.count <= 0;
      ui.badge.textContent = m.count > 9 ? "9+" : String(m.count);
      ui.launcher.setAttribute("aria-label", `Open chat: ${ui.name}${m.count > 0 ? ` (${m.count} unread)` : ""}`);
    } else if (m.type === "active") store.set(m.active);
    else if (m.type === "error") console.warn(m.message);
  });

  // Single-page sites change the URL without loading: tell agents where the visitor is now.
  let href = location.href;
  setInterval(() => {
    if (location.href === href) return;
    href = location.href;
    if (frame) post(context());
  }, 1000);

  const start = () =>
    fetch(`${base}/api/v1/widget/config?inbox=${encodeURIComponent(inbox)}`, { credentials: "omit" })
      .then((r) =>
        r.ok ? r.json() : Promise.reject(new Error(r.status === 403 ? "this site is not in the chat's allowed sites" : `HTTP ${r.status}`)),
      )
      .then(render)
      .catch((err: Error) => console.warn(`Rapport: the chat did not load (${err.message})`));
  if (document.body) void start();
  else document.addEventListener("DOMContentLoaded", () => void start());
})();
