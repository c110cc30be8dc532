/** @jsxImportSource preact */
import type { Controller } from "../controller";
import type { State } from "../store";
import { Icon } from "./icons";

const when = (iso: string | null, locale: string) => {
  if (!iso) return "";
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString()
    ? d.toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" })
    : d.toLocaleDateString(locale, { day: "numeric", month: "short" });
};

/** Before a conversation: ask, see matching articles as you type, and always a visible way to a person. */
export function Home({ ctl, s }: { ctl: Controller; s: State }) {
  const t = ctl.t;
  const recent = s.conversations.slice(0, 3);
  return (
    <div class="scroll home" data-testid="widget-home">
      <form
        class="card ask"
        onSubmit={(e) => {
          e.preventDefault();
          ctl.send(s.draft);
        }}
      >
        <label class="visually-hidden" htmlFor="ask">
          {t.ask}
        </label>
        <textarea
          id="ask"
          rows={3}
          maxLength={4000}
          placeholder={t.ask}
          value={s.draft}
          data-testid="widget-ask"
          onInput={(e) => ctl.typing((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              ctl.send(s.draft);
            }
          }}
        />
        <div class="ask-actions">
          <button type="submit" class="send" disabled={!s.draft.trim()} aria-label={t.send}>
            <Icon name="send" />
          </button>
        </div>
      </form>
      {s.suggestions.length > 0 && (
        <section class="card suggestions" aria-labelledby="suggested-title" data-testid="widget-suggestions">
          <h2 id="suggested-title" class="card-title">
            {t.suggested}
          </h2>
          <ul>
            {s.suggestions.map((a) => (
              <li key={a.id}>
                <button type="button" class="article-link" onClick={() => void ctl.openArticle(a.id)} data-testid="widget-suggestion">
                  <Icon name="article" size={18} />
                  <span>
                    <strong>{a.title}</strong>
                    <span class="snippet">{a.snippet.replace(/[«»]/g, "")}</span>
                  </span>
                  <Icon name="chevron" size={18} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <button type="button" class="talk" onClick={() => ctl.talkToPerson()} data-testid="widget-talk">
        <Icon name="person" size={18} />
        {t.talk}
      </button>
      {recent.length > 0 && (
        <section class="card recent" aria-labelledby="recent-title">
          <h2 id="recent-title" class="card-title">
            {t.recent}
          </h2>
          <ul>
            {recent.map((c) => (
              <li key={c.id}>
                <button type="button" class="conv-link" onClick={() => void ctl.show(c.id)} data-testid="widget-recent">
                  <span class="conv-preview">{c.preview ?? "…"}</span>
                  <span class="conv-meta">
                    {c.unread > 0 && (
                      <>
                        <span class="unread-dot" aria-hidden="true" />
                        <span class="visually-hidden">{c.unread}</span>
                      </>
                    )}
                    {when(c.lastMessageAt, ctl.locale)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
