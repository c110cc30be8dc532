import type { TestUser } from "../factories";
import { startTestAppWithTeam } from "../helpers/app";
import { waitFor } from "../helpers/wait";

/** The real app on a fresh database (two accounts), with helpers for the guidance tests. */
export async function startGuidanceApp(env: Record<string, string> = {}) {
  const t = await startTestAppWithTeam(env);
  let seq = 0;
  const as = (user: TestUser, o: { method: "GET" | "POST" | "PATCH"; url: string; payload?: unknown }) =>
    t.as(user, { ...o, payload: o.payload as never });
  /** A conversation whose customer wrote `text` (then `more`), through the API channel. */
  const conversation = async (user: TestUser, text: string, opts: { language?: string; subject?: string; more?: string[] } = {}) => {
    const res = await as(user, {
      method: "POST",
      url: "/api/v1/conversations",
      payload: {
        channel: "api",
        customer: { email: `g${seq++}@example.com`, name: "Kim" },
        subject: opts.subject ?? "Help",
        message: { text },
        language: opts.language,
      },
    });
    if (res.statusCode !== 201) throw new Error(`create conversation: ${res.statusCode} ${res.body}`);
    const conv = res.json() as { id: string };
    for (const m of opts.more ?? []) {
      const r = await as(user, { method: "POST", url: `/api/v1/conversations/${conv.id}/messages`, payload: { kind: "incoming", text: m } });
      if (r.statusCode !== 201) throw new Error(`incoming: ${r.statusCode} ${r.body}`);
    }
    return conv;
  };
  return { ...t, as, conversation, waitFor: <T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000) => waitFor(fn, ms) };
}
