import { sql } from "drizzle-orm";
import type { Analysis } from "../../../shared/schemas";
import { analyzeText } from "../../ai/engine";
import { analyzeWithLlm } from "../../ai/llm-analysis";
import type { LlmProvider } from "../../ai/providers/types";
import type { Db } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { conversationTemperature, messageTemperature } from "./temperature";

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
  // With RAPPORT_LLM_ANALYSIS, the configured model classifies too; each result says which engine made it.
  if (opts.llm) for (const a of analysed) a.analysis = await analyzeWithLlm(opts.llm, a.row.text, a.analysis);
  const byConversation = new Map<string, typeof analysed>();
  for (const a of analysed) byConversation.set(a.row.conversation_id, [...(byConversation.get(a.row.conversation_id) ?? []), a]);
  // One transaction per conversation: a job never holds two conversations' locks, so it can't deadlock with
  // a statement that updates many conversations at once.
  for (const [conversationId, items] of byConversation) {
    await db.transaction(async (tx) => {
      // Serialises jobs on one conversation, so the temperature is computed from every analysis committed so far.
      await tx.execute(sql`SELECT 1 FROM conversations WHERE id = ${conversationId} FOR UPDATE`);
      for (const { row, analysis } of items) {
        await tx.execute(sql`UPDATE messages SET analysis = ${JSON.stringify(analysis)}::jsonb WHERE id = ${row.id} AND analysis IS NULL`);
      }
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
      for (const { row } of items) {
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
