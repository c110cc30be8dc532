import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../../../../test/helpers/app";
import { createConversation } from "../conversations/create-conversation";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
});
afterAll(async () => t?.close());

type Customer = { id: string; name: string | null; identities: { kind: string; value: string }[]; attributes: Record<string, unknown> };
const post = (payload: Record<string, unknown>, as = t.a.agent) => t.as(as, { method: "POST", url: "/api/v1/customers", payload });
const patch = (id: string, payload: Record<string, unknown>, as = t.a.agent) => t.as(as, { method: "PATCH", url: `/api/v1/customers/${id}`, payload });
const get = (id: string, as = t.a.agent) => t.as(as, { method: "GET", url: `/api/v1/customers/${id}` });
const search = async (q: string, as = t.a.agent): Promise<Customer[]> =>
  (await t.as(as, { method: "GET", url: `/api/v1/customers?limit=100&q=${encodeURIComponent(q)}` })).json().items;
const allIds = async (as = t.a.agent): Promise<string[]> =>
  (await t.as(as, { method: "GET", url: "/api/v1/customers?limit=100" })).json().items.map((c: Customer) => c.id);

describe("POST /api/v1/customers", () => {
  it("creates a customer with normalised identities and attributes", async () => {
    const res = await post({
      name: "  Ada Lovelace ",
      email: " Ada@Example.COM ",
      phone: "+44 (20) 7946-0958",
      externalId: " crm-1 ",
      identities: [
        { kind: "chat", value: "visitor-9" },
        { kind: "email", value: "ADA.Work@Example.com" },
        { kind: "phone", value: "020.7946.0959" },
        { kind: "email", value: "ada@example.com" }, // the same as `email`: kept once
      ],
      attributes: { plan: "pro", orders: 12, vip: true, dropped: null },
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.name).toBe("Ada Lovelace");
    expect(c.identities).toEqual([
      { kind: "email", value: "ada@example.com" },
      { kind: "phone", value: "+442079460958" },
      { kind: "external", value: "crm-1" },
      { kind: "chat", value: "visitor-9" },
      { kind: "email", value: "ada.work@example.com" },
      { kind: "phone", value: "02079460959" },
    ]);
    expect(c.attributes).toEqual({ plan: "pro", orders: 12, vip: true });
    expect((await get(c.id)).json()).toMatchObject({ id: c.id, identities: c.identities, attributes: c.attributes, conversations: [] });
  });

  it("keeps identities in the order given: the first email and phone are the customer's own", async () => {
    const c = (await post({ email: "primary@example.com", phone: "+4511111111", identities: [{ kind: "email", value: "second@example.com" }, { kind: "phone", value: "+4522222222" }] })).json();
    const conv = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "second@example.com" }, message: { text: "hello" } } });
    expect(conv.json().customer).toEqual({ id: c.id, name: null, email: "primary@example.com", phone: "+4511111111" });
    const swapped = await patch(c.id, { identities: [{ kind: "email", value: "second@example.com" }, { kind: "email", value: "primary@example.com" }, { kind: "phone", value: "+4522222222" }] });
    expect(swapped.json().identities.map((i: { value: string }) => i.value)).toEqual(["second@example.com", "primary@example.com", "+4522222222"]);
    const again = await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conv.json().id}` });
    expect(again.json().customer).toMatchObject({ email: "second@example.com", phone: "+4522222222" });
  });

  it("creates a customer without any identity", async () => {
    const res = await post({ name: "Walk-in" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: "Walk-in", identities: [], attributes: {} });
  });

  it("answers 409 when another customer already holds one of the identities, and creates nothing", async () => {
    const before = await allIds();
    for (const payload of [
      { email: "ADA@example.com" },
      { phone: "+44 20 7946 0958" },
      { externalId: "crm-1" },
      { name: "New", email: "fresh@example.com", identities: [{ kind: "chat", value: "visitor-9" }] },
    ]) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(409);
      expect(res.json().error.code).toBe("conflict");
    }
    expect(await allIds()).toEqual(before);
    expect(await search("fresh@example.com")).toEqual([]);
  });

  it("lets another account use the same identities", async () => {
    const res = await post({ email: "ada@example.com" }, t.b.agent);
    expect(res.statusCode).toBe(201);
  });

  it("answers 400 naming the field for invalid identities and attributes", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "not-an-email" }, "body.email"],
      [{ phone: "call me maybe" }, "body.phone"],
      [{ phone: "12345" }, "body.phone"],
      [{ externalId: "x".repeat(201) }, "body.externalId"],
      [{ identities: [{ kind: "fax", value: "1" }] }, "body.identities.0.kind"],
      [{ identities: [{ kind: "email", value: "nope" }] }, "body.identities.0.value"],
      [{ attributes: { nested: { deep: 1 } } }, "body.attributes.nested"],
      [{ attributes: { long: "x".repeat(2001) } }, "body.attributes.long"],
      [{ attributes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) }, "body.attributes"],
      [{ name: "x".repeat(201) }, "body.name"],
      [{ nickname: "x" }, "body"],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field, field).toBe(field);
    }
  });
});

describe("GET /api/v1/customers/:id", () => {
  it("includes the customer's conversations from every channel, newest activity first, and no one else's", async () => {
    const api = (await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "Grace@example.com", name: "Grace" }, message: { text: "one" } } })).json();
    // Other channels arrive through their own inboxes, which all create conversations through this use-case.
    const email = await createConversation({
      db: t.app.ctx.db,
      accountId: t.a.accountId,
      actor: { type: "system", id: null },
      channel: "email",
      customer: { identities: [{ kind: "email", value: "grace@example.com" }] },
      subject: "By email",
      message: { text: "two" },
    });
    const sms = await createConversation({
      db: t.app.ctx.db,
      accountId: t.a.accountId,
      actor: { type: "system", id: null },
      channel: "sms",
      customer: { identities: [{ kind: "phone", value: "+15550100200" }] },
      message: { text: "three" },
    });
    // An SMS from a number Grace's record lacks starts a new customer; once the number is linked, the next SMS is hers.
    expect(sms.customerId).not.toBe(api.customer.id);
    await patch(api.customer.id, { identities: [{ kind: "email", value: "grace@example.com" }, { kind: "phone", value: "+1 555 0100 201" }] });
    const sms2 = await createConversation({
      db: t.app.ctx.db,
      accountId: t.a.accountId,
      actor: { type: "system", id: null },
      channel: "sms",
      customer: { identities: [{ kind: "phone", value: "+15550100201" }] },
      message: { text: "four" },
    });
    expect(sms2.customerId).toBe(api.customer.id);
    expect(email.customerId).toBe(api.customer.id);

    const res = await get(api.customer.id);
    expect(res.statusCode).toBe(200);
    const got = res.json();
    expect(got).toMatchObject({ id: api.customer.id, name: "Grace" });
    expect(got.conversations.map((c: { id: string; channel: string }) => [c.id, c.channel])).toEqual([
      [sms2.conversationId, "sms"],
      [email.conversationId, "email"],
      [api.id, "api"],
    ]);
    expect(got.conversations.map((c: { id: string }) => c.id)).not.toContain(sms.conversationId);
    expect(got.conversations[1]).toMatchObject({ subject: "By email", customer: { id: api.customer.id, email: "grace@example.com" } });
  });

  it("answers 404 for an unknown customer and 400 for a non-UUID id", async () => {
    const missing = await get("00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("not_found");
    expect((await get("ada")).json().error.field).toBe("params.id");
  });
});

describe("PATCH /api/v1/customers/:id", () => {
  it("merges attributes (null removes a key), renames, and replaces the identity list", async () => {
    const c = (await post({ name: "Old", email: "old@example.com", phone: "+4520304050", attributes: { a: 1, b: 2, keep: "yes" } })).json();
    const res = await patch(c.id, { name: "New", attributes: { b: null, c: "x", a: 3 }, identities: [{ kind: "email", value: " New@Example.com " }, { kind: "external", value: "crm-9" }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: c.id, name: "New", attributes: { a: 3, c: "x", keep: "yes" }, identities: [{ kind: "email", value: "new@example.com" }, { kind: "external", value: "crm-9" }] });
    expect(res.json().attributes).not.toHaveProperty("b");
    expect(Date.parse(res.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(c.updatedAt));
    // The old identities are free again; the new ones find this customer.
    expect(await search("old@example.com")).toEqual([]);
    expect((await search("new@example.com")).map((x) => x.id)).toEqual([c.id]);
    expect((await post({ email: "old@example.com" })).statusCode).toBe(201);

    // Without `identities` the list is left alone; a null name clears the name.
    const again = await patch(c.id, { name: null, attributes: {} });
    expect(again.json()).toMatchObject({ name: null, attributes: { a: 3, c: "x", keep: "yes" }, identities: [{ kind: "email", value: "new@example.com" }, { kind: "external", value: "crm-9" }] });
  });

  it("answers 409 for an identity another customer holds and changes nothing", async () => {
    const c = (await post({ name: "Keeper", email: "keeper@example.com", attributes: { n: 1 } })).json();
    const res = await patch(c.id, { name: "Thief", attributes: { n: 2 }, identities: [{ kind: "email", value: "keeper@example.com" }, { kind: "email", value: "ADA@example.com" }] });
    expect(res.statusCode).toBe(409);
    const after = (await get(c.id)).json();
    expect(after).toMatchObject({ name: "Keeper", attributes: { n: 1 }, identities: [{ kind: "email", value: "keeper@example.com" }] });
  });

  it("answers 404 for an unknown customer and 400 for unknown fields", async () => {
    expect((await patch("00000000-0000-4000-8000-000000000000", { name: "x" })).statusCode).toBe(404);
    const res = await patch((await post({})).json().id, { email: "x@example.com" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("email");
  });
});

describe("GET /api/v1/customers", () => {
  it("finds a customer by exact email or phone in any format, and by a fragment of the name", async () => {
    const lin = (await post({ name: "Linnea Sørensen", email: "linnea@example.com", phone: "+45 11 22 33 44" })).json();
    await post({ name: "Linus Berg", email: "linus@example.com" });
    expect((await search("LINNEA@example.com")).map((c) => c.id)).toEqual([lin.id]);
    expect((await search("+45 1122 3344")).map((c) => c.id)).toEqual([lin.id]);
    expect((await search("sørensen")).map((c) => c.id)).toEqual([lin.id]);
    expect((await search("lin")).map((c) => c.name).sort()).toEqual(["Linnea Sørensen", "Linus Berg"]);
    // An email matches exactly, not as a fragment.
    expect(await search("linnea@example")).toEqual([]);
    expect(await search("innea@example.com")).toEqual([]);
    // LIKE wildcards are taken literally.
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
    // Another account's customers are never found.
    expect(await search("linnea@example.com", t.b.agent)).toEqual([]);
  });

  it("pages newest first with cursors: every customer exactly once", async () => {
    for (let i = 0; i < 7; i++) await post({ name: `Pager ${i}`, email: `pager${i}@example.com` });
    const everyone = await allIds();
    expect(everyone.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.as(t.a.agent, { method: "GET", url: `/api/v1/customers?limit=3${cursor ? `&cursor=${cursor}` : ""}` });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: Customer[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(everyone);
    expect(pages).toBe(Math.ceil(everyone.length / 3));
    const names = (await search("pager")).map((c) => c.name);
    expect(names).toEqual(["Pager 6", "Pager 5", "Pager 4", "Pager 3", "Pager 2", "Pager 1", "Pager 0"]);
    const bad = await t.as(t.a.agent, { method: "GET", url: "/api/v1/customers?cursor=not-a-cursor" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("query.cursor");
  });
});
