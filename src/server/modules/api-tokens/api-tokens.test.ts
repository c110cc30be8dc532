import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../../../../test/helpers/app";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
});
afterAll(async () => t?.close());

type ApiToken = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };
const bearer = (token: string, opts: { method?: "GET" | "POST"; url?: string; payload?: object } = {}) =>
  t.app.inject({ method: opts.method ?? "GET", url: opts.url ?? "/api/v1/me", headers: { authorization: `Bearer ${token}` }, ...(opts.payload ? { payload: opts.payload } : {}) });
const list = async (as = t.a.owner): Promise<ApiToken[]> => (await t.as(as, { method: "GET", url: "/api/v1/api-tokens" })).json().items;

describe("POST /api/v1/api-tokens", () => {
  it("returns the secret once; it authenticates as its creator, in the creator's account", async () => {
    const res = await t.as(t.a.admin, { method: "POST", url: "/api/v1/api-tokens", payload: { name: " Shop sync " } });
    expect(res.statusCode).toBe(201);
    const made = res.json();
    expect(Object.keys(made).sort()).toEqual(["id", "name", "token"]);
    expect(made.name).toBe("Shop sync");
    expect(made.token).toMatch(/^rpt_[\w-]{30,}$/);

    const me = await bearer(made.token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: t.a.admin.id }, account: { id: t.a.accountId }, csrfToken: null });
    // No CSRF token is needed for writes with a bearer token.
    const conv = await bearer(made.token, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "shop@example.com" }, message: { text: "order 1" } } });
    expect(conv.statusCode).toBe(201);
    expect((await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conv.json().id}` })).statusCode).toBe(200);
  });

  it("answers 400 for a missing or empty name", async () => {
    for (const payload of [{}, { name: "   " }, { name: "x".repeat(81) }]) {
      const res = await t.as(t.a.owner, { method: "POST", url: "/api/v1/api-tokens", payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field).toBe("body.name");
    }
  });
});

describe("GET /api/v1/api-tokens", () => {
  it("lists the account's tokens with their prefix and last use, never the secret", async () => {
    const made = (await t.as(t.a.owner, { method: "POST", url: "/api/v1/api-tokens", payload: { name: "Listed" } })).json();
    let listed = (await list()).find((x) => x.id === made.id);
    expect(listed).toMatchObject({ name: "Listed", prefix: made.token.slice(0, 8), lastUsedAt: null });
    expect(Object.keys(listed as object).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix"]);
    await bearer(made.token);
    listed = (await list()).find((x) => x.id === made.id);
    expect(listed?.lastUsedAt).not.toBeNull();

    const res = await t.as(t.a.owner, { method: "GET", url: "/api/v1/api-tokens" });
    expect(res.body).not.toContain(made.token);
    expect(res.body).not.toContain(made.token.slice(8));
    expect(res.body).not.toMatch(/hash/i);
    // Admins see the owner's tokens too (one list per account); account B sees none of them.
    expect((await list(t.a.admin)).map((x) => x.id)).toContain(made.id);
    expect((await list(t.b.owner)).map((x) => x.id)).not.toContain(made.id);
  });
});

describe("DELETE /api/v1/api-tokens/:id", () => {
  it("revokes the token: gone from the list at once, refused with 401 once its cached check expires (≤ 5 s)", async () => {
    const made = (await t.as(t.a.owner, { method: "POST", url: "/api/v1/api-tokens", payload: { name: "To revoke" } })).json();
    expect((await bearer(made.token)).statusCode).toBe(200); // checked and cached now
    const del = await t.as(t.a.owner, { method: "DELETE", url: `/api/v1/api-tokens/${made.id}` });
    expect(del.statusCode).toBe(204);
    const revokedAt = Date.now();
    expect((await list()).map((x) => x.id)).not.toContain(made.id);

    // Credentials are cached for up to 5 s (documented in authenticate.ts): wait for that, then it must be refused.
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 5_500) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await bearer(made.token)).statusCode;
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(5_500);
    const write = await bearer(made.token, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "late@example.com" }, message: { text: "x" } } });
    expect(write.statusCode).toBe(401);
    expect(write.json().error.code).toBe("unauthorized");

    const again = await t.as(t.a.owner, { method: "DELETE", url: `/api/v1/api-tokens/${made.id}` });
    expect(again.statusCode).toBe(404);
  });

  it("refuses a revoked token that was never used at once", async () => {
    const made = (await t.as(t.a.owner, { method: "POST", url: "/api/v1/api-tokens", payload: { name: "Unused" } })).json();
    expect((await t.as(t.a.owner, { method: "DELETE", url: `/api/v1/api-tokens/${made.id}` })).statusCode).toBe(204);
    expect((await bearer(made.token)).statusCode).toBe(401);
  });

  it("answers 404 for an unknown id and 400 for a non-UUID id", async () => {
    expect((await t.as(t.a.owner, { method: "DELETE", url: "/api/v1/api-tokens/00000000-0000-4000-8000-000000000000" })).statusCode).toBe(404);
    const bad = await t.as(t.a.owner, { method: "DELETE", url: "/api/v1/api-tokens/abc" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("params.id");
  });
});

describe("roles", () => {
  it("refuses agents and supervisors with 403 for listing, creating and revoking", async () => {
    const made = (await t.as(t.a.owner, { method: "POST", url: "/api/v1/api-tokens", payload: { name: "Keep" } })).json();
    for (const user of [t.a.agent, t.a.supervisor]) {
      expect((await t.as(user, { method: "GET", url: "/api/v1/api-tokens" })).statusCode, user.role).toBe(403);
      expect((await t.as(user, { method: "POST", url: "/api/v1/api-tokens", payload: { name: "mine" } })).statusCode, user.role).toBe(403);
      const del = await t.as(user, { method: "DELETE", url: `/api/v1/api-tokens/${made.id}` });
      expect(del.statusCode, user.role).toBe(403);
    }
    expect((await list()).map((x) => x.name)).not.toContain("mine");
    expect((await list()).map((x) => x.id)).toContain(made.id);
    expect((await bearer(made.token)).statusCode).toBe(200);
  });
});
