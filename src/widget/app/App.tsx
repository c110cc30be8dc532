/** @jsxImportSource preact */
import { useEffect } from "preact/hooks";
import type { Controller } from "./controller";
import { useStore } from "./store";
import { ArticleView } from "./ui/ArticleView";
import { Chat } from "./ui/Chat";
import { Header } from "./ui/Header";
import { Home } from "./ui/Home";
import { Icon } from "./ui/icons";
import { PreChat } from "./ui/PreChat";

export function App({ ctl }: { ctl: Controller }) {
  const s = useStore(ctl.store);
  const t = ctl.t;
  // Escape anywhere in the chat hands the page back (the loader closes the panel and refocuses the launcher).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") ctl.toLoader({ rapport: 1, type: "close" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ctl]);
  return (
    <div class="widget" lang={ctl.locale}>
      <Header ctl={ctl} s={s} />
      {s.conn !== "online" && s.ready && (
        <p class={`banner ${s.conn}`} role="status" data-testid="widget-connection">
          <Icon name="wifi" size={16} /> {s.conn === "offline" ? t.offline : t.reconnecting}
        </p>
      )}
      <main class="body">
        {s.fatal ? (
          <p class="card notice" role="alert">
            {s.fatal}
          </p>
        ) : !s.ready ? (
          <div class="spinner" role="status" aria-label="…" />
        ) : s.view === "home" ? (
          <Home ctl={ctl} s={s} />
        ) : s.view === "article" ? (
          <ArticleView ctl={ctl} s={s} />
        ) : s.view === "prechat" ? (
          <PreChat ctl={ctl} />
        ) : (
          <Chat ctl={ctl} s={s} />
        )}
      </main>
      <footer class="brand">Chat by Rapport</footer>
    </div>
  );
}
