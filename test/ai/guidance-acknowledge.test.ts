import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGuidanceApp } from "./guidance-setup";

let t: Awaited<ReturnType<typeof startGuidanceApp>>;
beforeAll(async () => {
  t = await startGuidanceApp();
});
afterAll(async () => t?.close());

type G = {
  messageId: string | null;
  analysis: { emotion: { label: string; intensity: number } } | null;
  language: string;
  acknowledgements: string[];
  restatement: string | null;
  apology: string | null;
  leadQuestion: string;
  emailOpening: string | null;
  acknowledgeFirst: boolean;
  articles: unknown[];
  draft: unknown;
  engine: string;
  translationAvailable: boolean;
};
const guidance = async (id: string, user = t.a.agent): Promise<G> => {
  const res = await t.as(user, { method: "GET", url: `/api/v1/conversations/${id}/guidance` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe("GET /api/v1/conversations/:id/guidance", () => {
  it("acknowledges an upset English customer with what they said, and the wait", async () => {
    const c = await t.conversation(
      t.a.agent,
      "Hi, I ordered a lamp three weeks ago and the parcel still hasn't arrived!!! This is ridiculous.",
    );
    const g = await guidance(c.id);
    expect(g.language).toBe("en");
    expect(g.acknowledgeFirst).toBe(true);
    expect(g.acknowledgements.length).toBeGreaterThanOrEqual(2);
    expect(g.acknowledgements.length).toBeLessThanOrEqual(3);
    expect(g.acknowledgements[0]).toBe("I'm sorry the parcel still hasn't arrived — waiting three weeks is frustrating.");
    expect(g.restatement).toBe("If I understand correctly, you ordered a lamp three weeks ago and the parcel still hasn't arrived.");
    expect(g.leadQuestion).toBe("What can I do to solve this for you?");
    expect(g.apology).toMatch(/apologise/);
    expect(g.emailOpening).toBeNull(); // not an email conversation
    expect(g.engine).toBe("offline");
    expect(g.translationAvailable).toBe(false);
    expect(g.draft).toBeNull();
  });

  it("writes to an upset Polish customer in Polish, quoting the problem", async () => {
    const c = await t.conversation(
      t.a.agent,
      "Dzień dobry, zamówiłem lampę trzy tygodnie temu i paczka nadal nie dotarła! To skandal, jestem wściekły.",
    );
    const g = await guidance(c.id);
    expect(g.language).toBe("pl");
    expect(g.acknowledgeFirst).toBe(true);
    expect(g.acknowledgements.some((s) => s.includes("paczka nadal nie dotarła"))).toBe(true);
    expect(g.acknowledgements[0]).toMatch(/^(Bardzo mi przykro|Przykro mi), że paczka nadal nie dotarła/);
    expect(g.acknowledgements.join(" ")).toMatch(/trzy tygodnie/);
    expect(g.leadQuestion).toBe("Co mogę zrobić, żeby to dla Pana/Pani rozwiązać?");
    expect(g.restatement).toBe("Jeśli dobrze rozumiem, paczka nadal nie dotarła.");
  });

  it("writes to an upset Danish customer in Danish, with their words moved to 'you'", async () => {
    const c = await t.conversation(
      t.a.agent,
      "Min pakke er stadig ikke kommet efter tre uger. Det er helt uacceptabelt, jeg er så træt af jer!",
    );
    const g = await guidance(c.id);
    expect(g.language).toBe("da");
    expect(g.acknowledgeFirst).toBe(true);
    expect(g.acknowledgements.some((s) => s.startsWith("Din pakke er stadig ikke kommet efter tre uger"))).toBe(true);
    expect(g.acknowledgements.join(" ")).not.toMatch(/\bmin pakke\b/i);
    expect(g.leadQuestion).toBe("Hvad kan jeg gøre for at løse det for dig?");
  });

  it("needs no acknowledgement for a neutral question, and restates an email's question in its opening", async () => {
    const res = await t.as(t.a.agent, {
      method: "POST",
      url: "/api/v1/conversations",
      payload: {
        channel: "api",
        customer: { email: "neutral@example.com" },
        subject: "Invoice",
        message: { text: "Hello. Could you send me a copy of the invoice for my last order?" },
      },
    });
    const c = res.json();
    const g = await guidance(c.id);
    expect(g.acknowledgeFirst).toBe(false);
    expect(g.acknowledgements).toEqual([]);
    // The email opening only exists for email conversations: switch this one's channel for the check.
    await t.app.ctx.db.execute(sql`UPDATE conversations SET channel = 'email' WHERE id = ${c.id}`);
    const e = await guidance(c.id);
    expect(e.emailOpening).toBe(
      "Thank you for your message about the problem with your invoice. You asked: “Could you send me a copy of the invoice for your last order?”".replace(
        "your last",
        "my last",
      ),
    );
  });

  it("thanks a glad customer instead of apologising", async () => {
    const c = await t.conversation(t.a.agent, "Thank you so much, the new password works perfectly! You're the best.");
    const g = await guidance(c.id);
    expect(g.acknowledgeFirst).toBe(false);
    expect(g.acknowledgements[0]).toMatch(/^Thank you/);
    expect(g.apology).toBeNull();
  });

  it("falls back to English for a language it has no phrases for, and says so", async () => {
    const c = await t.conversation(
      t.a.agent,
      "Buongiorno, il mio pacco non è ancora arrivato dopo tre settimane. Sono molto arrabbiato!!!",
      { language: "it" },
    );
    const g = await guidance(c.id);
    expect(g.language).toBe("en");
    expect(g.leadQuestion).toBe("What can I do to solve this for you?");
    // Italian words never end up inside an English sentence template.
    expect(g.acknowledgements.join(" ")).not.toMatch(/pacco/);
  });

  it("lists the articles that answer the conversation, internal ones included, with the passage", async () => {
    const article = async (title: string, body: string, visibility: "public" | "internal") => {
      const res = await t.as(t.a.supervisor, {
        method: "POST",
        url: "/api/v1/articles",
        payload: { locale: "en", title, body, status: "published", visibility },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    const lost = await article(
      "Lost parcels: what to do when a delivery never arrives",
      "If your parcel has not arrived after ten working days, we send a replacement or refund it in full.",
      "public",
    );
    const courier = await article(
      "Courier claims for missing parcels",
      "Agents: open a claim with the courier for any parcel missing more than ten days; the claim form is in the courier portal.",
      "internal",
    );
    await article("Changing your password", "Open Settings, then Security, and choose a new password.", "public");
    const c = await t.conversation(t.a.agent, "My parcel never arrived, it has been three weeks. What do I do about a missing delivery?");
    const g = await guidance(c.id);
    const ids = (g.articles as { articleId: string; passage: string; url: string }[]).map((a) => a.articleId);
    expect(ids).toContain(lost.id);
    expect(ids).toContain(courier.id);
    for (const a of g.articles as { passage: string; url: string }[]) {
      expect(a.passage.length).toBeGreaterThan(0);
      expect(a.url).toMatch(/^http/);
    }
  });

  it("is not found in another account, or for a conversation that doesn't exist", async () => {
    const c = await t.conversation(t.a.agent, "My parcel never arrived.");
    expect((await t.as(t.b.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/guidance` })).statusCode).toBe(404);
    expect(
      (await t.as(t.a.agent, { method: "GET", url: "/api/v1/conversations/00000000-0000-4000-8000-000000000000/guidance" })).statusCode,
    ).toBe(404);
    const bad = await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/guidance?draft=maybe` });
    expect(bad.statusCode).toBe(400);
  });
});

describe("POST /api/v1/conversations/:id/acknowledgement-check", () => {
  const check = async (id: string, text: string) => {
    const res = await t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${id}/acknowledgement-check`, payload: { text } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { acknowledges: boolean; nudge: boolean; suggestion: string | null };
  };

  it("nudges only a reply to an upset customer that doesn't acknowledge their feelings", async () => {
    const upset = await t.conversation(
      t.a.agent,
      "This is the third time I write!!! My parcel still hasn't arrived and nobody answers. Unacceptable!",
    );
    const blunt = await check(upset.id, "Your tracking number is 123456. It will arrive Monday.");
    expect(blunt).toMatchObject({ acknowledges: false, nudge: true });
    expect(blunt.suggestion).toMatch(/sorry|understand/i);
    const kind = await check(upset.id, "I'm so sorry about this — I understand how frustrating it is. Your tracking number is 123456.");
    expect(kind).toEqual({ acknowledges: true, nudge: false, suggestion: null });

    const calm = await t.conversation(t.a.agent, "What are your opening hours on Saturday?");
    expect(await check(calm.id, "We're open 9 to 5.")).toEqual({ acknowledges: false, nudge: false, suggestion: null });
  });

  it("reads acknowledgements in the customer's language", async () => {
    const pl = await t.conversation(t.a.agent, "Paczka nadal nie dotarła, jestem wściekły! To już trzeci raz!");
    expect((await check(pl.id, "Przykro mi, że paczka nadal nie dotarła. Sprawdzę to od razu.")).acknowledges).toBe(true);
    expect((await check(pl.id, "Numer przesyłki to 12345.")).nudge).toBe(true);
  });

  it("rejects a body without text", async () => {
    const c = await t.conversation(t.a.agent, "Hello");
    const res = await t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${c.id}/acknowledgement-check`, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toMatch(/text/);
  });
});
