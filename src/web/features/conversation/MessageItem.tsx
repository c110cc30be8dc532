import type { Message } from "../../../shared/schemas";
import { Avatar } from "../../components/Avatar";
import { Icon } from "../../components/Icon";
import { AnalysisChip, AssistantBadge } from "../empathy/AnalysisChip";
import { MessageTranslation } from "../empathy/MessageTranslation";
import { Attachments, DeliveryStatus, EmailHeader, EmailOriginal } from "./EmailDetails";
import { HtmlBody } from "./HtmlBody";

const KIND_LABEL = { incoming: "Message", reply: "Reply", note: "Private note" } as const;

export function MessageItem({ m, mine }: { m: Message; mine: boolean }) {
  const author = m.author.name ?? (m.author.type === "customer" ? "Customer" : m.author.type === "assistant" ? "AI assistant" : "Rapport");
  const time = new Date(m.createdAt).toLocaleTimeString(undefined, { timeStyle: "short" });
  return (
    <article
      className={`msg ${m.kind} ${mine ? "mine" : ""} ${m.author.type === "assistant" ? "assistant" : ""}`}
      data-testid="message"
      data-kind={m.kind}
      data-id={m.id}
      aria-label={`${KIND_LABEL[m.kind]} from ${author}`}
    >
      <header>
        <Avatar id={m.author.id ?? m.id} name={author} size={24} />
        <strong>{author}</strong>
        {m.author.type === "assistant" && <AssistantBadge />}
        {m.kind === "note" && (
          <span className="note-label">
            <Icon name="lock" size={12} /> Private note
          </span>
        )}
        {m.kind === "incoming" && m.analysis && <AnalysisChip a={m.analysis} />}
        <time dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString()}>
          {time}
        </time>
      </header>
      {m.email && <EmailHeader email={m.email} />}
      {m.html ? (
        <HtmlBody html={m.html} text={m.text} remoteImages={m.email?.remoteImages ?? 0} />
      ) : (
        <div className="msg-text">{m.text}</div>
      )}
      <MessageTranslation m={m} />
      <Attachments items={m.attachments} />
      {m.email && <EmailOriginal m={m} />}
      {/* A retry's result arrives as a message.updated push. */}
      <DeliveryStatus m={m} onChanged={() => {}} />
    </article>
  );
}
