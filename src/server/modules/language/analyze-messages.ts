import { sql } from "drizzle-orm";
import type { Analysis } from "../../../shared/schemas";
import { analyzeText } from "../../ai/engine";
import { analyzeWithLlm } from "../../ai/llm-analysis";
import type { LlmProvider } from "../../ai/providers/types";
import type { Db } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { conversationTemperature, messageTemperature } from "./temperature";

const LLM_BUDGET_MS = 120_000;
const LLM_PARALLEL = 4;

async function classifyWithLlm(llm: LlmProvider, items: { row: Row; analysis: Analysis }[]) {
  for (let i = 0; i < items.length; i += LLM_PARALLEL) {
    await Promise.all(
      items.slice(i, i + LLM_PARALLEL).map(async (a) => {
        a.analysis = await analyzeWithLlm(llm, a.row.text, a.analysis);
      }),
    );
  }
}

type Row = { id: string; account_id: string; conversation_id: string; text: string; language: string | null };

/**
 * Reads customer messages with the offline engine, stores what it found on each message and the
 * conversation's new temperature and mood, and records message.analyzed (the AI answer agent and the
 * workspace's live chips follow it). Messages already analysed are skipped, so a repeated job is harmless.
 */
export async function analyzeMessages(db: Db, messageIds: string[], opts: { llm?: LlmProvider | null } = {}): Promise<number> {
  if (messageIds.length === 0) return 0;
  const res = await db.execute(sql`
    SELECT m.id, m.account_id, m.conversation_id, m.text, c.language
    FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.id = ANY(${sql.param(messageIds)}::uuid[]) AND m.kind = 'incoming' AND m.analysis IS NULL
    ORDER BY m.created_at, m.id`);
  const rows = res.rows as Row[];
  if (rows.length === 0) return 0;
  // CPU work outside the transaction: the rows it writes are locked only for the updates.
  const analysed = rows.map((r) => ({ row: r, analysis: analyzeText(r.text, { languageHint: r.language }) as Analysis }));
  const started = Date.now();
  const byConversation = new Map<string, typeof analysed>();
  for (const a of analysed) byConversation.set(a.row.conversation_id, [...(byConversation.get(a.row.conversation_id) ?? []), a]);
  // One transaction per conversation: a job never holds two conversations' locks, so it can't deadlock with
  // a statement that updates many conversations at once.
  for (const [conversationId, items] of byConversation) {
    // With RAPPORT_LLM_ANALYSIS the configured model classifies too, a few calls at a time and within a budget
    // well inside the job's lease; past it, the offline result stands. Each result says which engine made it.
    if (opts.llm && Date.now() - started < LLM_BUDGET_MS) await classifyWithLlm(opts.llm, items);
    await db.transaction(async (tx) => {
      // Serialises jobs on one conversation, so the temperature is computed from every analysis committed so far.
      await tx.execute(sql`SELECT 1 FROM conversations WHERE id = ${conversationId} FOR UPDATE`);
      const stored: Row[] = [];
      for (const { row, analysis } of items) {
        const upd = await tx.execute(sql`UPDATE messages SET analysis = ${JSON.stringify(analysis)}::jsonb WHERE id = ${row.id} AND analysis IS NULL`);
        if (upd.rowCount === 1) stored.push(row);
      }
      // A repeated job (the relay and the sweep may both enqueue one) stores and announces nothing twice.
      if (stored.length === 0) return;
      const latest = await tx.execute(sql`
        SELECT analysis FROM messages
        WHERE conversation_id = ${conversationId} AND kind = 'incoming' AND analysis IS NOT NULL
        ORDER BY created_at DESC, id DESC LIMIT 3`);
      const analyses = (latest.rows as { analysis: Analysis }[]).map((r) => r.analysis);
      const temperature = conversationTemperature(analyses.map(messageTemperature));
      const mood = analyses[0]?.emotion.label ?? null;
      // The conversation's language follows its customer when ingest couldn't tell (short first message).
      const language = analyses.find((a) => a.language && a.languageConfidence >= 0.8)?.language ?? null;
      await tx.execute(sql`
        UPDATE conversations SET temperature = ${temperature}, mood = ${mood},
          language = coalesce(language, ${language}), updated_at = now()
        WHERE id = ${conversationId}`);
      for (const row of stored) {
        await recordEvent(tx, {
          accountId: row.account_id,
          type: "message.analyzed",
          conversationId,
          actor: { type: "system", id: null },
          data: { messageId: row.id },
        });
      }
    });
  }
  return rows.length;
}
