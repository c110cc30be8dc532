import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../../../test/factories";
import { startTestAppWithTeam } from "../../../../test/helpers/app";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let conv: { id: string; customer: { id: string } };
beforeAll(async () => {
  t = await startTestAppWithTeam();
  conv = await newConversation("m@example.com");
});
afterAll(async () => t?.close());

type Message = {
  id: string;
  conversationId: string;
  kind: string;
  author: { type: string; id: string | null; name: string | null };
  text: string;
  html: string | null;
  mentions: string[];
  createdAt: string;
};

async function newConversation(email: string, text = "hello") {
  const res = await t.as(t.a.owner, {
    method: "POST",
    url: "/api/v1/conversations",
    payload: { channel: "api", customer: { email, name: "Mia Customer" }, message: { text } },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}
const post = (body: Record<string, unknown>, opts: { user?: TestUser; id?: string; key?: string } = {}) =>
  t.as(opts.user ?? t.a.agent, {
    method: "POST",
    url: `/api/v1/conversations/${opts.id ?? conv.id}/messages`,
    payload: body,
    ...(opts.key ? { headers: { "idempotency-key": opts.key } } : {}),
  });
const messages = async (id = conv.id, query = ""): Promise<Message[]> =>
  (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${id}/messages${query}` })).json().items;
const getConv = async (id: string) => (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${id}` })).json();
const patch = (id: string, payload: Record<string, unknown>, user: TestUser = t.a.supervisor) =>
  t.as(user, { method: "PATCH", url: `/api/v1/conversations/${id}`, payload });

describe("POST /api/v1/conversations/:id/messages", () => {
  it("posts a reply as the agent and makes it the conversation's preview", async () => {
    const c = await newConversation("reply@example.com");
    const res = await post({ kind: "reply", text: "We are on it." }, { id: c.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      conversationId: c.id,
      kind: "reply",
      author: { type: "user", id: t.a.agent.id, name: t.a.agent.name },
      text: "We are on it.",
      html: null,
      mentions: [],
    });
    const after = await getConv(c.id);
    expect(after).toMatchObject({ messageCount: 2, preview: "We are on it.", previewKind: "reply", lastMessageAt: res.json().createdAt });
  });

  it("posts a private note that does not replace the customer-facing preview", async () => {
    const c = await newConversation("note@example.com", "Where is my order?");
    const res = await post({ kind: "note", text: "Checked the warehouse: shipped Monday." }, { id: c.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: "note", author: { type: "user", id: t.a.agent.id } });
    expect(await getConv(c.id)).toMatchObject({ messageCount: 2, preview: "Where is my order?", previewKind: "incoming" });
  });

  it("appends the customer's next message (API channel), authored by the customer", async () => {
    const c = await newConversation("incoming@example.com");
    const res = await post({ kind: "incoming", text: "Any news?" }, { id: c.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: "incoming",
      author: { type: "customer", id: c.customer.id, name: "Mia Customer" },
      text: "Any news?",
    });
    expect(await getConv(c.id)).toMatchObject({ status: "open", messageCount: 2, preview: "Any news?", previewKind: "incoming" });
  });

  it("lists messages oldest first, in pages that cover each message once", async () => {
    const c = await newConversation("thread@example.com", "first");
    for (const [kind, text] of [
      ["reply", "second"],
      ["note", "third"],
      ["incoming", "fourth"],
      ["reply", "fifth"],
    ]) {
      expect((await post({ kind, text }, { id: c.id })).statusCode).toBe(201);
    }
    const all = await messages(c.id);
    expect(all.map((m) => [m.kind, m.text])).toEqual([
      ["incoming", "first"],
      ["reply", "second"],
      ["note", "third"],
      ["incoming", "fourth"],
      ["reply", "fifth"],
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.as(t.a.agent, {
        method: "GET",
        url: `/api/v1/conversations/${c.id}/messages?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((m: Message) => m.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((m) => m.id));
    const bad = await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/messages?cursor=nope` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("query.cursor");
  });

  it("answers 404 for a conversation that does not exist, for every kind", async () => {
    for (const kind of ["reply", "note", "incoming"]) {
      const res = await post({ kind, text: "x" }, { id: "00000000-0000-4000-8000-000000000000" });
      expect(res.statusCode, kind).toBe(404);
    }
    expect(
      (await t.as(t.a.agent, { method: "GET", url: "/api/v1/conversations/00000000-0000-4000-8000-000000000000/messages" })).statusCode,
    ).toBe(404);
  });

  it("refuses empty content, unknown kinds and fields, and over-long text with 400", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "reply", text: "   " }, "body"],
      [{ kind: "reply" }, "body"],
      [{ kind: "reply", html: "<script>only a script</script>" }, "body.text"],
      [{ kind: "email", text: "x" }, "body.kind"],
      [{ text: "x" }, "body.kind"],
      [{ kind: "reply", text: "x".repeat(100_001) }, "body.text"],
      [{ kind: "reply", text: "x", bcc: "boss@example.com" }, "body"],
      [{ kind: "reply", text: "x", cc: "boss@example.com" }, "body.cc"],
      [{ kind: "reply", text: "x", cc: ["not an address"] }, "body.cc.0"],
      [{ kind: "reply", text: "x", cc: ["boss@example.com"] }, "body.cc"],
    ];
    const before = (await getConv(conv.id)).messageCount;
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body).slice(0, 60)).toBe(field);
    }
    expect((await getConv(conv.id)).messageCount).toBe(before);
  });
});

describe("incoming messages and the conversation's status", () => {
  it("reopen a resolved, pending or snoozed conversation, recording why", async () => {
    for (const change of [
      { status: "resolved" },
      { status: "pending" },
      { snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    ]) {
      const c = await newConversation(`reopen-${Object.values(change)[0].slice(0, 8)}@example.com`);
      const changed = await patch(c.id, change, t.a.agent);
      expect(changed.statusCode).toBe(200);
      const from = changed.json().status;
      const res = await post({ kind: "incoming", text: "It broke again" }, { id: c.id });
      expect(res.statusCode).toBe(201);
      expect(await getConv(c.id)).toMatchObject({ status: "open", snoozedUntil: null, preview: "It broke again" });
      const trail = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/events` })).json().items;
      expect(trail.slice(-2)).toMatchObject([
        { type: "message.created", actor: { type: "customer", id: c.customer.id }, data: { messageId: res.json().id, kind: "incoming" } },
        {
          type: "conversation.status_changed",
          actor: { type: "customer", id: c.customer.id },
          data: { from, to: "open", reason: "customer_replied" },
        },
      ]);
    }
  });

  it("leave an open conversation's status alone; replies and notes never reopen", async () => {
    const c = await newConversation("stays@example.com");
    await post({ kind: "incoming", text: "more" }, { id: c.id });
    const types = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/events` }))
      .json()
      .items.map((e: { type: string }) => e.type);
    expect(types).not.toContain("conversation.status_changed");
    await patch(c.id, { status: "resolved" }, t.a.agent);
    await post({ kind: "reply", text: "Anything else?" }, { id: c.id });
    await post({ kind: "note", text: "waiting" }, { id: c.id });
    expect((await getConv(c.id)).status).toBe("resolved");
  });

  it("refuse a closed conversation with 409, store nothing and leave the Idempotency-Key unused", async () => {
    const c = await newConversation("closed@example.com");
    await patch(c.id, { status: "closed" }, t.a.agent);
    const closed = await post({ kind: "incoming", text: "hello?" }, { id: c.id, key: "closed-1" });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe("conversation_closed");
    expect(await getConv(c.id)).toMatchObject({ status: "closed", messageCount: 1 });
    await patch(c.id, { status: "open" }, t.a.supervisor);
    const retry = await post({ kind: "incoming", text: "hello?" }, { id: c.id, key: "closed-1" });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBeUndefined();
  });
});

describe("message HTML", () => {
  it("strips scripts, handlers, javascript: URLs, frames and styles; keeps formatting and safe links", async () => {
    const html =
      '<p onclick="steal()">Hi <b>there</b> <a href="javascript:alert(1)">x</a> <a href="https://example.com/help">help</a></p>' +
      '<script>alert(1)</script><img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe><style>body{display:none}</style>' +
      '<svg onload="alert(1)"></svg><form action="https://evil.example"><input name=x></form><div style="position:fixed;top:0">fixed</div>' +
      '<a href="JaVaScRiPt:alert(2)">y</a><a href="  javascript:alert(3)">z</a><object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/">' +
      '<i>italic</i> <a href="https://example.com/x" target="_self" rel="opener">other</a>';
    for (const kind of ["incoming", "reply", "note"]) {
      const res = await post({ kind, html });
      expect(res.statusCode).toBe(201);
      const out = res.json().html as string;
      for (const bad of [
        "<script",
        "alert(",
        "onclick",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<style",
        "<svg",
        "<form",
        "<input",
        "position:fixed",
        "display:none",
        "<object",
        "<embed",
        "<base",
        'rel="opener"',
        'target="_self"',
      ]) {
        expect(out.toLowerCase(), `${kind}: ${bad}`).not.toContain(bad.toLowerCase());
      }
      expect(out).toContain("<b>there</b>");
      expect(out).toContain("<i>italic</i>");
      expect(out).toContain('href="https://example.com/help"');
      expect(out).toContain('rel="noopener noreferrer nofollow"');
      // Without text, the plain text is derived from the HTML (previews, search), without any markup.
      expect(res.json().text).toContain("Hi there");
      expect(res.json().text).not.toContain("<");
      const listed = (await messages()).find((m) => m.id === res.json().id);
      expect(listed?.html).toBe(out);
    }
  });

  it("keeps table cells apart in the plain text used for previews and search", async () => {
    const res = await post({
      kind: "incoming",
      html: "<table><tr><th>Order</th><th>Total</th></tr><tr><td>NW-1</td><td>12 EUR</td></tr></table>",
    });
    expect(res.json().text).toMatch(/Order\s+Total\s+NW-1\s+12 EUR/);
  });

  it("keeps the plain text exactly as written; it is rendered as text, never as HTML", async () => {
    const text = "<img src=x onerror=alert(1)>\n  indented & <b>not bold</b>  ";
    const res = await post({ kind: "incoming", text });
    expect(res.json()).toMatchObject({ text, html: null });
    expect((await messages()).find((m) => m.id === res.json().id)?.text).toBe(text);
    // With both, the text is stored as given and the HTML is sanitised.
    const both = await post({ kind: "reply", text: "Plain <version>", html: "<p>Rich <script>x</script>version</p>" });
    expect(both.json()).toMatchObject({ text: "Plain <version>", html: "<p>Rich version</p>" });
  });
});

describe("Idempotency-Key", () => {
  it("replays a retried reply or note instead of posting it twice", async () => {
    const c = await newConversation("idem-msg@example.com");
    for (const kind of ["reply", "note"]) {
      const key = `retry-${kind}`;
      const first = await post({ kind, text: `only once (${kind})` }, { id: c.id, key });
      const again = await post({ kind, text: `only once (${kind})` }, { id: c.id, key });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.json().id).toBe(first.json().id);
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(first.headers["idempotent-replayed"]).toBeUndefined();
      const mismatch = await post({ kind, text: "something else" }, { id: c.id, key });
      expect(mismatch.statusCode).toBe(422);
      expect(mismatch.json().error.code).toBe("idempotency_mismatch");
    }
    const texts = (await messages(c.id)).map((m) => m.text);
    expect(texts).toEqual(["hello", "only once (reply)", "only once (note)"]);
    expect((await getConv(c.id)).messageCount).toBe(3);
  });

  it("handles concurrent retries with one message, and scopes keys to the conversation", async () => {
    const c = await newConversation("idem-race@example.com");
    const other = await newConversation("idem-race-2@example.com");
    for (const kind of ["reply", "incoming"]) {
      const send = () => post({ kind, text: `race ${kind}` }, { id: c.id, key: `race-${kind}` });
      const results = await Promise.all([send(), send(), send()]);
      expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    }
    expect((await messages(c.id)).map((m) => m.text)).toEqual(["hello", "race reply", "race incoming"]);
    // The same key on another conversation is another request.
    const elsewhere = await post({ kind: "reply", text: "race reply" }, { id: other.id, key: "race-reply" });
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json().conversationId).toBe(other.id);
    expect(elsewhere.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("refuses a key longer than 200 characters", async () => {
    const res = await post({ kind: "note", text: "x" }, { key: "k".repeat(201) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("header.idempotency-key");
  });
});

describe("@mentions", () => {
  it("records teammates named by full name or email handle, not partial names or email-like text", async () => {
    const handle = t.a.agent2.email.split("@")[0];
    const full = await post({ kind: "note", text: `Can @${t.a.agent2.name.toUpperCase()} take this?` });
    expect(full.json().mentions).toEqual([t.a.agent2.id]);
    const byHandle = await post({ kind: "note", text: `ping @${handle}, and @${t.a.supervisor.name}.` });
    expect(new Set(byHandle.json().mentions)).toEqual(new Set([t.a.agent2.id, t.a.supervisor.id]));
    const partial = await post({
      kind: "note",
      text: `write to someone@${t.a.agent2.name.split(" ")[0].toLowerCase()}.com or @${t.a.agent2.name}x`,
    });
    expect(partial.json().mentions).toEqual([]);
    // Only this account's agents can be mentioned.
    const foreign = await post({ kind: "note", text: `@${t.b.agent.name} help` });
    expect(foreign.json().mentions).toEqual([]);
  });
});
