/** @jsxImportSource preact */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { WidgetMessage } from "../../../shared/schemas";
import type { Controller } from "../controller";
import { fill } from "../i18n";
import type { Pending, State } from "../store";
import { Composer } from "./Composer";
import { Icon } from "./icons";

const time = (iso: string, locale: string) => new Date(iso).toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
const kb = (n: number) => (n > 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function Bubble({ m, ctl, first }: { m: WidgetMessage; ctl: Controller; first: boolean }) {
  const mine = m.author.type === "visitor";
  const fileOnly = m.attachments.length > 0 && m.attachments.some((a) => a.filename === m.text);
  return (
    <div class={`msg ${mine ? "mine" : "theirs"}`} data-testid="widget-message" data-author={m.author.type}>
      {!mine && first && <span class="author">{m.author.name ?? ctl.t.agent}</span>}
      {!fileOnly && <p class="bubble">{m.text}</p>}
      {m.attachments.map((a) =>
        a.image ? (
          <a key={a.id} class="image" href={a.url} target="_blank" rel="noopener noreferrer">
            <img src={a.url} alt={a.filename} loading="lazy" />
          </a>
        ) : (
          <a key={a.id} class="file" href={a.url} download={a.filename}>
            <Icon name="file" size={18} />
            <span>{a.filename}</span>
            <span class="size">{kb(a.size)}</span>
          </a>
        ),
      )}
      <time class="when" dateTime={m.createdAt}>
        {time(m.createdAt, ctl.locale)}
      </time>
    </div>
  );
}

function PendingBubble({ p, ctl, s }: { p: Pending; ctl: Controller; s: State }) {
  const t = ctl.t;
  const label = p.error ? t.notSent : s.conn === "online" ? t.sending : t.queued;
  return (
    <div class={`msg mine pending ${p.error ? "failed" : ""}`} data-testid="widget-pending">
      <p class="bubble">{p.text}</p>
      <span class="when">
        <Icon name={p.error ? "alert" : "clock"} size={12} /> {label}
        {p.error && (
          <button type="button" class="link" onClick={() => ctl.retry(p.clientId)}>
            {t.retry}
          </button>
        )}
      </span>
    </div>
  );
}

function FollowUp({ ctl, s }: { ctl: Controller; s: State }) {
  const t = ctl.t;
  const [email, setEmail] = useState(s.visitor?.email ?? "");
  const [error, setError] = useState<string | null>(null);
  const conv = s.conversations.find((c) => c.id === s.current);
  if (conv?.followUpEmail) return <p class="card notice small">{fill(t.followSaved, { email: conv.followUpEmail })}</p>;
  const away = !s.availability.withinHours;
  return (
    <form
      class="card follow"
      data-testid="widget-follow-up"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email.trim())) return setError(t.badEmail);
        setError((await ctl.followUp(email.trim())) ? null : t.failed);
      }}
    >
      <p>
        <Icon name="mail" size={18} /> {away ? t.awayNotice : t.noAgentsNotice}
      </p>
      <div class="row">
        <label class="visually-hidden" htmlFor="follow-email">
          {t.email}
        </label>
        <input
          id="follow-email"
          type="email"
          autoComplete="email"
          placeholder={t.email}
          value={email}
          aria-invalid={!!error}
          onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {t.save}
        </button>
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** One conversation: the thread, what is still being sent, typing, "Seen", and the composer. */
export function Chat({ ctl, s }: { ctl: Controller; s: State }) {
  const t = ctl.t;
  const list = useRef<HTMLDivElement>(null);
  const messages = s.current ? (s.messages[s.current] ?? []) : [];
  const pending = s.outbox.filter((p) => (s.current ? p.conversationId === s.current || !p.conversationId : !p.conversationId));
  const conv = s.conversations.find((c) => c.id === s.current);
  const lastMine = [...messages].reverse().find((m) => m.author.type === "visitor");
  const seen = !!lastMine && !!conv?.agentReadAt && conv.agentReadAt >= lastMine.createdAt && pending.length === 0;
  const typing = s.current ? s.typing[s.current] : null;
  const wrote = messages.some((m) => m.author.type === "visitor") || pending.length > 0;
  const needsEmail = wrote && (!s.availability.withinHours || !s.availability.agentsOnline) && !s.visitor?.verified;

  // biome-ignore lint/correctness/useExhaustiveDependencies: these are the triggers: something new at the bottom
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length, typing, needsEmail]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message is what may need marking read
  useEffect(() => ctl.markRead(), [ctl, messages.length]);

  return (
    <>
      <div class="scroll thread" ref={list} role="log" aria-live="polite" aria-label={ctl.config.name} data-testid="widget-thread">
        {messages.length === 0 && pending.length === 0 && (
          <div class="msg theirs">
            <span class="author">{ctl.config.name}</span>
            <p class="bubble">{ctl.config.greeting[ctl.locale]?.trim() || t.greeting}</p>
          </div>
        )}
        {messages.map((m, i) => (
          <Bubble key={m.id} m={m} ctl={ctl} first={i === 0 || messages[i - 1].author.type !== m.author.type} />
        ))}
        {pending.map((p) => (
          <PendingBubble key={p.clientId} p={p} ctl={ctl} s={s} />
        ))}
        {seen && (
          <p class="seen" data-testid="widget-seen">
            <Icon name="check" size={12} /> {t.seen}
          </p>
        )}
        {typing && (
          <div class="typing" data-testid="widget-typing">
            <span class="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {fill(t.typing, { name: typing })}
          </div>
        )}
        {conv?.status === "closed" && <p class="card notice small">{t.closed}</p>}
        {needsEmail && <FollowUp ctl={ctl} s={s} />}
      </div>
      <Composer ctl={ctl} s={s} />
    </>
  );
}
