import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../../../test/factories";
import { startTestApp, startTestAppWithTeam } from "../../../../test/helpers/app";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
/** One signed-in browser session of account A's agent, shared by the tests that only read with it. */
let session: { cookie: string; csrf: string; setCookie: string };

const HOST = "rapport.test";

beforeAll(async () => {
  t = await startTestAppWithTeam();
  // Same-origin browser sign-in (Origin matches Host), with a spoofed x-forwarded-proto the app must not trust.
  const res = await login(t.a.agent.email.toUpperCase(), PASSWORD, { host: HOST, origin: `http://${HOST}`, "x-forwarded-proto": "https" });
  expect(res.statusCode).toBe(200);
  session = { cookie: cookieOf(res), csrf: res.json().csrfToken, setCookie: String(res.headers["set-cookie"]) };
});
afterAll(async () => t?.close());

function login(email: string, password: string, headers: Record<string, string> = {}, remoteAddress?: string) {
  return t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password }, headers, ...(remoteAddress ? { remoteAddress } : {}) });
}
const cookieOf = (res: LightMyRequestResponse) => String(res.headers["set-cookie"]).split(";")[0];
const me = (headers: Record<string, string>) => t.app.inject({ method: "GET", url: "/api/v1/me", headers });
const newConversation = { channel: "api", customer: { email: "csrf@example.com" }, message: { text: "hi" } };

describe("POST /api/v1/auth/login", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie for the whole site and answers with Me", async () => {
    const set = session.setCookie;
    expect(set).toMatch(/^rapport_session=[^;]{20,};/);
    const attrs = set.split(";").map((a) => a.trim().toLowerCase());
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    // Plain HTTP, and x-forwarded-proto is not trusted without RAPPORT_TRUST_PROXY: no Secure flag.
    expect(attrs).not.toContain("secure");
    const expires = /Expires=([^;]+)/.exec(set)?.[1];
    const days = (Date.parse(String(expires)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
  });

  it("marks the cookie Secure when the request came over HTTPS through a trusted proxy", async () => {
    const p = await startTestApp({ RAPPORT_TRUST_PROXY: "true" }, { databaseUrl: t.databaseUrl });
    try {
      const res = await p.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: t.a.owner.email, password: PASSWORD },
        headers: { "x-forwarded-proto": "https" },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers["set-cookie"]).split(";").map((a) => a.trim())).toContain("Secure");
    } finally {
      await p.close();
    }
  });

  it("refuses a wrong password and an unknown email alike with 401 and no cookie", async () => {
    const [wrong, unknown] = await Promise.all([login(t.a.admin.email, "not the password"), login("nobody@example.com", PASSWORD)]);
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("invalid_credentials");
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it("refuses the 11th failed attempt for the same email and IP with 429 and retry-after", async () => {
    const email = t.b.agent.email;
    const ip = "203.0.113.7";
    const failures = await Promise.all(Array.from({ length: 10 }, () => login(email, "wrong-password", {}, ip)));
    expect(failures.map((r) => r.statusCode)).toEqual(Array(10).fill(401));
    // Even the right password is refused now: the attempt is not even checked.
    const blocked = await login(email, PASSWORD, {}, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("too_many_attempts");
    const retryAfter = Number(blocked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers["set-cookie"]).toBeUndefined();
    // The same email from another IP, and another email from the same IP, are not affected.
    const [otherIp, otherEmail] = await Promise.all([login(email, PASSWORD, {}, "203.0.113.8"), login(t.b.agent2.email, PASSWORD, {}, ip)]);
    expect(otherIp.statusCode).toBe(200);
    expect(otherEmail.statusCode).toBe(200);
  });

  it("lets at most 10 of 30 simultaneous wrong guesses be checked: the rest are refused before hashing", async () => {
    const ip = "203.0.113.9";
    const results = await Promise.all(Array.from({ length: 30 }, () => login(t.a.agent2.email, "wrong-password", {}, ip)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(20);
  });

  it("refuses a cross-origin sign-in and an Origin that is not a URL with 403", async () => {
    for (const origin of ["https://evil.example", "garbage", "http://"]) {
      const res = await login(t.a.agent.email, PASSWORD, { host: HOST, origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.headers["set-cookie"], origin).toBeUndefined();
    }
  });

  it("answers 400 naming the field for a malformed email", async () => {
    const res = await login("not-an-email", PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("body.email");
  });
});

describe("GET /api/v1/me", () => {
  it("answers the signed-in agent with their account, CSRF token and abilities", async () => {
    const res = await me({ cookie: session.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { id: t.a.agent.id, email: t.a.agent.email, role: "agent", active: true, invited: false },
      account: { id: t.a.accountId, name: "Acme" },
      csrfToken: session.csrf,
      can: { manageUsers: false, manageTeams: false, manageTokens: false },
    });
    expect(session.csrf).toMatch(/^\S{20,}$/);
  });

  it("has no CSRF token for API-token callers, and reports an admin's abilities", async () => {
    const res = await t.as(t.a.admin, { method: "GET", url: "/api/v1/me" });
    expect(res.json()).toMatchObject({ user: { id: t.a.admin.id, role: "admin" }, csrfToken: null, can: { manageUsers: true, manageTeams: true, manageTokens: true } });
  });

  it("answers 401 without credentials, with an unknown token and with an unknown cookie", async () => {
    const variants: Record<string, string>[] = [{}, { authorization: "Bearer rpt_nope" }, { cookie: "rapport_session=forged" }, { authorization: "Basic abc" }];
    for (const headers of variants) {
      const res = await me(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json().error.code).toBe("unauthorized");
    }
    const write = await t.app.inject({ method: "POST", url: "/api/v1/conversations", payload: newConversation });
    expect(write.statusCode).toBe(401);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/conversations" });
    expect(list.statusCode).toBe(401);
  });
});

describe("CSRF protection of cookie sessions", () => {
  it("refuses a cookie-authenticated write without the x-csrf-token header, or with a wrong one", async () => {
    const without = await t.app.inject({ method: "POST", url: "/api/v1/conversations", headers: { cookie: session.cookie }, payload: newConversation });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe("csrf_failed");
    const wrong = await t.app.inject({ method: "POST", url: "/api/v1/conversations", headers: { cookie: session.cookie, "x-csrf-token": "nope" }, payload: newConversation });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("csrf_failed");
    // Nothing was written.
    const list = await t.as(t.a.owner, { method: "GET", url: "/api/v1/conversations?q=csrf@example.com" });
    expect(list.json().items).toEqual([]);
  });

  it("accepts the write with the session's token, reads without it, and bearer calls without it", async () => {
    const ok = await t.app.inject({ method: "POST", url: "/api/v1/conversations", headers: { cookie: session.cookie, "x-csrf-token": session.csrf }, payload: newConversation });
    expect(ok.statusCode).toBe(201);
    const read = await t.app.inject({ method: "GET", url: `/api/v1/conversations/${ok.json().id}`, headers: { cookie: session.cookie } });
    expect(read.statusCode).toBe(200);
    const bearer = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", payload: newConversation });
    expect(bearer.statusCode).toBe(201);
  });
});

describe("POST /api/v1/auth/logout", () => {
  it("ends the session: the cookie is cleared and stops working at once", async () => {
    const res = await login(t.a.agent2.email, PASSWORD);
    const cookie = cookieOf(res);
    const csrf = res.json().csrfToken;
    // Logging out is a write: without the CSRF token a cross-site page can't log the agent out.
    expect((await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie } })).statusCode).toBe(403);
    expect((await me({ cookie })).statusCode).toBe(200);
    const out = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie, "x-csrf-token": csrf } });
    expect(out.statusCode).toBe(204);
    const cleared = String(out.headers["set-cookie"]);
    expect(cleared).toMatch(/^rapport_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    // Even though the credential was just cached by the /me above, the old cookie is refused at once.
    const after = await me({ cookie });
    expect(after.statusCode).toBe(401);
    const row = await t.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${t.a.agent2.id}`);
    expect((row.rows[0] as { n: number }).n).toBe(0);
    // Other sessions are unaffected.
    expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
  });
});

describe("setup", () => {
  it("is not due once users exist, and POST /api/v1/setup then answers 409", async () => {
    const status = await t.app.inject({ method: "GET", url: "/api/v1/setup" });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ needsSetup: false, signupOpen: false });
    const again = await t.app.inject({ method: "POST", url: "/api/v1/setup", payload: { accountName: "Takeover", name: "Mallory", email: "mallory@example.com", password: "long enough" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("already_set_up");
    expect(again.headers["set-cookie"]).toBeUndefined();
  });

  it("creates the first account and its owner on an empty database, signed in, exactly once", async () => {
    const e = await startTestApp();
    try {
      expect((await e.app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({ needsSetup: true, signupOpen: false });
      const short = await e.app.inject({ method: "POST", url: "/api/v1/setup", payload: { accountName: "Acme", name: "Olga", email: "olga@example.com", password: "short" } });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.field).toBe("body.password");
      const payload = { accountName: "Acme", name: "Olga Owner", email: "Olga@Example.com", password: "long enough" };
      const first = await e.app.inject({ method: "POST", url: "/api/v1/setup", payload });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        user: { role: "owner", email: "olga@example.com", name: "Olga Owner", invited: false },
        account: { name: "Acme", defaultLanguage: "en" },
        can: { manageUsers: true, manageTeams: true, manageTokens: true },
      });
      expect(String(first.headers["set-cookie"])).toMatch(/^rapport_session=[^;]+;.*HttpOnly/);
      const cookie = cookieOf(first);
      const who = await e.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
      expect(who.json().user.id).toBe(first.json().user.id);
      const second = await e.app.inject({ method: "POST", url: "/api/v1/setup", payload: { ...payload, email: "other@example.com" } });
      expect(second.statusCode).toBe(409);
      expect((await e.app.inject({ method: "GET", url: "/api/v1/setup" })).json().needsSetup).toBe(false);
    } finally {
      await e.close();
    }
  });
});

describe("POST /api/v1/signup", () => {
  const payload = { accountName: "Initech", name: "Gia Founder", email: "gia@example.com", password: "long enough" };

  it("is closed by default: 403 signup_closed and nothing is created", async () => {
    const closed = await t.app.inject({ method: "POST", url: "/api/v1/signup", payload });
    expect(closed.statusCode).toBe(403);
    expect(closed.json().error.code).toBe("signup_closed");
    const n = await t.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM users WHERE email = ${payload.email}`);
    expect((n.rows[0] as { n: number }).n).toBe(0);
  });

  it("with RAPPORT_SIGNUP=open creates a separate account whose owner sees nothing of the others", async () => {
    const a = (await t.as(t.a.owner, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "a-only@example.com" }, message: { text: "A's" } } })).json();
    const open = await startTestApp({ RAPPORT_SIGNUP: "open" }, { databaseUrl: t.databaseUrl });
    try {
      expect((await open.app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({ needsSetup: false, signupOpen: true });
      const res = await open.app.inject({ method: "POST", url: "/api/v1/signup", payload });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ user: { role: "owner", email: "gia@example.com" }, account: { name: "Initech" } });
      expect(res.json().account.id).not.toBe(t.a.accountId);
      expect(res.json().account.id).not.toBe(t.b.accountId);
      const cookie = cookieOf(res);
      const get = (url: string) => open.app.inject({ method: "GET", url, headers: { cookie } });
      expect((await get("/api/v1/conversations?status=all")).json().items).toEqual([]);
      expect((await get("/api/v1/conversations/counts")).json()).toMatchObject({ all: 0, mine: 0, unassigned: 0 });
      expect((await get(`/api/v1/conversations/${a.id}`)).statusCode).toBe(404);
      expect((await get("/api/v1/customers")).json().items).toEqual([]);
      expect((await get("/api/v1/users")).json().items.map((u: { email: string }) => u.email)).toEqual(["gia@example.com"]);
      // The email is taken now, across accounts too.
      const dup = await open.app.inject({ method: "POST", url: "/api/v1/signup", payload: { ...payload, accountName: "Other" } });
      expect(dup.statusCode).toBe(409);
    } finally {
      await open.close();
    }
  });
});
