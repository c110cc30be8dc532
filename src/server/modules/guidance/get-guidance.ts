import type { Analysis, Citation, Guidance } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { retrieveCitations } from "../../ai/answers/retrieve";
import { analyzeText } from "../../ai/engine";
import { composeGuidance } from "../../ai/guidance/compose";
import { packFor } from "../../ai/guidance/languages";
import type { LlmProvider } from "../../ai/providers/types";
import type { DbOrTx } from "../../db/client";
import { notFound } from "../../lib/errors";
import { suggestArticles } from "../knowledge/suggest-articles";
import { draftReply } from "./draft-reply";
import { getConversationFacts, loadThread } from "./queries";

/**
 * What the HELP panel shows for a conversation: acknowledgements and a restatement of the customer's latest
 * message in their language, an apology, the lead question, an email opening, the articles that answer it,
 * and (asked for, with an LLM) a drafted reply.
 */
export async function getGuidance(opts: {
  db: DbOrTx;
  actor: Actor;
  conversationId: string;
  draft: boolean;
  /** The composer's acknowledgement check needs no articles. */
  articles?: boolean;
  llm: LlmProvider | null;
  publicBase: string;
}): Promise<Guidance> {
  const { db, actor } = opts;
  const conv = await getConversationFacts(db, actor.accountId, opts.conversationId);
  if (!conv) throw notFound("Conversation");
  const thread = (await loadThread(db, actor.accountId, conv.id, 40)).filter((m) => m.kind !== "note");
  const customer = thread.filter((m) => m.from === "customer" && m.text.trim());
  const last = customer[customer.length - 1];
  const analysis: Analysis | null = last ? (last.analysis ?? { ...analyzeText(last.text, { languageHint: conv.language }) }) : null;
  const language = analysis?.language ?? conv.language;
  const text = composeGuidance({
    text: last?.text ?? "",
    earlier: customer.slice(-4, -1).map((m) => m.text),
    analysis,
    temperature: conv.temperature,
    channel: conv.channel,
    language,
  });

  const question = [conv.subject ?? "", ...customer.slice(-3).map((m) => m.text.slice(0, 2000))].join("\n").trim();
  const articles = question && opts.articles !== false ? await findArticles(db, actor, conv.id, question, language, opts.publicBase) : [];

  let draft: Guidance["draft"] = null;
  if (opts.draft && opts.llm && last) {
    draft = await draftReply(opts.llm, {
      language: packFor(language).fallback ? (language ?? "en") : text.language,
      subject: conv.subject,
      thread: thread.slice(-12),
      guidance: text,
      articles,
    });
  }
  return {
    messageId: last?.id ?? null,
    analysis,
    language: text.language,
    acknowledgements: text.acknowledgements,
    restatement: text.restatement,
    apology: text.apology,
    leadQuestion: text.leadQuestion,
    emailOpening: text.emailOpening,
    acknowledgeFirst: text.acknowledgeFirst,
    articles,
    draft,
    engine: draft ? "llm" : "offline",
    translationAvailable: !!opts.llm,
  };
}

/** The knowledge that answers the conversation, internal articles included (agents may quote them). */
async function findArticles(db: DbOrTx, actor: Actor, conversationId: string, question: string, language: string | null, publicBase: string): Promise<Citation[]> {
  try {
    const r = await retrieveCitations(db, { accountId: actor.accountId, question, locale: language, includeInternal: true, limit: 3, publicBase });
    return r.citations;
  } catch {
    // The knowledge-base full-text search is the older, always-there way to find them.
    const hits = await suggestArticles(db, actor, conversationId, publicBase);
    return hits.slice(0, 3).map((h) => ({
      articleId: h.articleId,
      slug: h.slug,
      title: h.title,
      locale: h.locale,
      score: h.score,
      url: h.url,
      passage: h.snippet.replace(/[«»]/g, ""),
    }));
  }
}
