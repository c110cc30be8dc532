import { type Ref, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from "react";
import type { Conversation, Me, Message, User } from "../../../shared/schemas";
import { ChatAttach } from "../chat/ChatAttach";
import { AcknowledgementChips, AcknowledgementNudge, SendInLanguage, TranslationPreview } from "../empathy/ComposerAssistBar";
import { useComposerAssist } from "../empathy/useComposerAssist";
import type { GuidanceState } from "../empathy/useGuidance";
import { EmailRecipients } from "./EmailRecipients";
import { MentionList } from "./MentionList";
import { useMentions } from "./useMentions";

export type ComposerHandle = {
  focus: (kind: "reply" | "note") => void;
  insert: (snippet: string) => void;
  /** An acknowledgement or apology: goes at the start of the reply. */
  opening: (snippet: string) => void;
};
type Kind = "reply" | "note";

// Unsent drafts survive switching conversations (the pane remounts per conversation).
const drafts = new Map<string, { kind: Kind; text: string }>();
const TYPING_IDLE_MS = 3000;

type Props = {
  ref: Ref<ComposerHandle>;
  conv: Conversation;
  me: Me;
  users: User[];
  onTyping: (typing: boolean) => void;
  onSent: (m: Message) => void;
  /** The empathy engine's guidance for this conversation (acknowledgements, email opening). */
  guidance?: GuidanceState;
};

export function Composer({ ref, conv, me, users, onTyping, onSent, guidance }: Props) {
  const saved = drafts.get(conv.id);
  const [kind, setKind] = useState<Kind>(saved?.kind ?? (conv.can.reply ? "reply" : "note"));
  const [text, setText] = useState(saved?.text ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Email replies: the Cc the agent sees and edits (null: not an email thread).
  const [cc, setCc] = useState<string[] | null>(null);
  const m = useMentions(users, me.user.id);
  const area = useRef<HTMLTextAreaElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);
  const typing = useRef(false);
  const onTypingRef = useRef(onTyping);
  onTypingRef.current = onTyping;
  const assist = useComposerAssist({ conv, kind, text, setText, guidance, focus: () => area.current?.focus() });

  const stopTyping = () => {
    window.clearTimeout(typingTimer.current);
    if (typing.current) onTypingRef.current(false);
    typing.current = false;
  };
  // Leaving the conversation mid-sentence must not leave "is typing…" on teammates' screens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on unmount
  useEffect(() => stopTyping, []);

  useEffect(() => {
    if (text.trim()) drafts.set(conv.id, { kind, text });
    else drafts.delete(conv.id);
  }, [conv.id, kind, text]);

  useImperativeHandle(ref, () => ({
    opening: (snippet) => {
      if (kind !== "reply" && conv.can.reply) setKind("reply");
      assist.insertOpening(snippet);
    },
    focus: (k) => {
      setKind(k === "reply" && !conv.can.reply ? "note" : k);
      area.current?.focus();
    },
    // An article link or text from the sidebar goes in at the caret, set apart from the words around it.
    insert: (snippet) => {
      const at = area.current?.selectionEnd ?? text.length;
      const before = text.slice(0, at);
      const sep = !before || /\s$/.test(before) ? "" : snippet.includes("\n") ? "\n\n" : " ";
      setText(before + sep + snippet + text.slice(at));
      caretAfterRender.current = (before + sep + snippet).length;
    },
  }));

  const change = (value: string, caret: number) => {
    setText(value);
    setError(null);
    if (!typing.current) onTypingRef.current(true);
    typing.current = true;
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(stopTyping, TYPING_IDLE_MS);
    m.track(value.slice(0, caret));
  };

  const pick = (u: User) => {
    if (!m.mention) return;
    const before = text.slice(0, m.mention.start);
    const after = text.slice(m.mention.start + 1 + m.mention.query.length);
    setText(`${before}@${u.name} ${after}`);
    m.close();
    // Placed right after React writes the new value (layout effect), before the next key is handled:
    // a caret set a frame later would land in the middle of what a fast typist already typed.
    caretAfterRender.current = before.length + u.name.length + 2;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new text is rendered
  useLayoutEffect(() => {
    const pos = caretAfterRender.current;
    if (pos === null || !area.current) return;
    caretAfterRender.current = null;
    area.current.focus();
    area.current.setSelectionRange(pos, pos);
  }, [text]);

  const send = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      // An upset customer's reply without an acknowledgement is held once for the nudge; the next send goes.
      if (await assist.shouldHold(text)) return;
      const msg = await assist.post(text, kind === "reply" && cc !== null ? cc : undefined);
      // Translated into a preview: the agent reads it and sends it with a second click.
      if (!msg) return;
      setText("");
      drafts.delete(conv.id);
      stopTyping();
      onSent(msg);
    } catch (err) {
      setError(`${err instanceof Error ? err.message : "Sending failed"}. Your text is kept; try again.`);
    } finally {
      setBusy(false);
    }
  };

  const label = kind === "reply" ? `Reply to ${conv.customer.name ?? conv.customer.email ?? "the customer"}` : "Private note for your team";
  return (
    <section className={`composer ${kind}`} aria-label="Composer">
      <div className="tabs" role="tablist" aria-label="Message type">
        <button
          type="button"
          role="tab"
          aria-selected={kind === "reply"}
          aria-controls="composer"
          disabled={!conv.can.reply}
          onClick={() => setKind("reply")}
        >
          Reply
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={kind === "note"}
          aria-controls="composer"
          disabled={!conv.can.note}
          onClick={() => setKind("note")}
        >
          Private note
        </button>
      </div>
      {conv.channel === "email" && (
        <div hidden={kind !== "reply"}>
          <EmailRecipients conversationId={conv.id} cc={cc} onCc={setCc} />
        </div>
      )}
      <AcknowledgementChips assist={assist} />
      <div className="composer-box">
        <label className="visually-hidden" htmlFor="composer">
          {label}
        </label>
        <textarea
          id="composer"
          ref={area}
          data-testid="composer"
          value={text}
          rows={3}
          placeholder={
            kind === "reply"
              ? "Reply to the customer… (Ctrl+Enter to send)"
              : "Note for your team; @mention a teammate… (Ctrl+Enter to add)"
          }
          onChange={(e) => change(e.target.value, e.target.selectionStart)}
          onBlur={() => m.close()}
          onKeyDown={(e) => {
            if (m.open) {
              if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                m.moveSelection(e.key === "ArrowDown" ? 1 : -1);
                return;
              }
              if ((e.key === "Enter" && !e.ctrlKey && !e.metaKey) || e.key === "Tab") {
                e.preventDefault();
                pick(m.matches[m.mention?.index ?? 0]);
                return;
              }
              if (e.key === "Escape") {
                e.preventDefault();
                m.close();
                return;
              }
            }
            if (e.key === "Escape") {
              e.preventDefault();
              e.currentTarget.blur();
            } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
          aria-autocomplete="list"
          aria-controls={m.open ? "mention-list" : undefined}
          aria-activedescendant={m.open ? `mention-list-${m.mention?.index ?? 0}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "composer-error" : undefined}
        />
        {m.open && <MentionList id="mention-list" users={m.matches} active={m.mention?.index ?? 0} onPick={pick} />}
      </div>
      {error && (
        <p className="form-error" id="composer-error" role="alert">
          {error}
        </p>
      )}
      <AcknowledgementNudge assist={assist} busy={busy} onSendAnyway={() => void send()} />
      <TranslationPreview assist={assist} busy={busy} onSend={() => void send()} />
      <div className="composer-actions">
        <span className="muted small">{kind === "note" ? "Only your team sees notes." : label}</span>
        <SendInLanguage assist={assist} />
        {conv.channel === "chat" && kind === "reply" && conv.can.reply && <ChatAttach conversationId={conv.id} onSent={onSent} />}
        <button type="button" className="btn primary" data-testid="send-button" disabled={busy || !text.trim()} onClick={() => void send()}>
          {busy ? "Sending…" : kind === "reply" ? assist.sendLabel : "Add note"}
        </button>
      </div>
    </section>
  );
}
