import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../../../test/factories";
import { startTestAppWithTeam } from "../../../../test/helpers/app";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
});
afterAll(async () => t?.close());

const create = (as: typeof t.a.owner, payload: Record<string, unknown>) => t.as(as, { method: "POST", url: "/api/v1/users", payload });
const login = (email: string, password: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
const emails = async (as: typeof t.a.owner) => (await t.as(as, { method: "GET", url: "/api/v1/users" })).json().items.map((u: { email: string }) => u.email);

describe("GET /api/v1/users", () => {
  it("lists the account's users only, for every role", async () => {
    const a = [t.a.owner, t.a.admin, t.a.supervisor, t.a.agent, t.a.agent2];
    for (const viewer of [t.a.agent, t.a.owner]) {
      const res = await t.as(viewer, { method: "GET", url: "/api/v1/users" });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { id: string; email: string; role: string; active: boolean; invited: boolean; teamIds: string[] }[];
      expect(items.map((u) => u.id).sort()).toEqual(a.map((u) => u.id).sort());
      expect(items.find((u) => u.id === t.a.supervisor.id)).toMatchObject({ email: t.a.supervisor.email, role: "supervisor", active: true, invited: false, teamIds: [] });
    }
    const b = await emails(t.b.owner);
    expect(b).toHaveLength(5);
    for (const u of a) expect(b).not.toContain(u.email);
  });

  it("never exposes password or invite hashes", async () => {
    const body = (await t.as(t.a.owner, { method: "GET", url: "/api/v1/users" })).body;
    expect(body).not.toMatch(/scrypt|password|invite_?token/i);
  });
});

describe("POST /api/v1/users", () => {
  it("lets an admin create an agent with a password, who can then sign in", async () => {
    const res = await create(t.a.admin, { name: "  Pat Agent ", email: "Pat@Example.com", role: "agent", password: "pat's password" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: "Pat Agent", email: "pat@example.com", role: "agent", active: true, invited: false, teamIds: [] });
    expect(res.json().inviteUrl).toBeUndefined();
    const signedIn = await login("pat@example.com", "pat's password");
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { id: res.json().id, role: "agent" }, account: { id: t.a.accountId } });
    expect(await emails(t.a.agent)).toContain("pat@example.com");
    expect(await emails(t.b.agent)).not.toContain("pat@example.com");
  });

  it("defaults the role to agent", async () => {
    const res = await create(t.a.admin, { name: "Default Role", email: "default-role@example.com" });
    expect(res.statusCode).toBe(201);
    expect(res.json().role).toBe("agent");
  });

  it("invites without a password: a one-time link that sets the password and signs in", async () => {
    const res = await create(t.a.admin, { name: "Ivy Invited", email: "ivy@example.com", role: "supervisor" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ invited: true, role: "supervisor" });
    const url = String(res.json().inviteUrl);
    expect(url).toMatch(/^http:\/\/localhost(:80)?\/invite\/[\w-]{20,}$/);
    const token = url.split("/invite/")[1];
    // Before accepting, the invited agent has no password to sign in with.
    expect((await login("ivy@example.com", "anything at all")).statusCode).toBe(401);

    const accept = await t.app.inject({ method: "POST", url: "/api/v1/invites/accept", payload: { token, name: "Ivy Newname", password: "ivy's password" } });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ user: { id: res.json().id, email: "ivy@example.com", name: "Ivy Newname", invited: false, role: "supervisor" }, account: { id: t.a.accountId } });
    expect(accept.json().csrfToken).toEqual(expect.any(String));
    const cookie = String(accept.headers["set-cookie"]).split(";")[0];
    expect(cookie).toMatch(/^rapport_session=.+/);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.json().user.id).toBe(res.json().id);

    const reuse = await t.app.inject({ method: "POST", url: "/api/v1/invites/accept", payload: { token, password: "another password" } });
    expect(reuse.statusCode).toBe(404);
    expect(reuse.json().error.code).toBe("invite_not_found");
    expect(reuse.headers["set-cookie"]).toBeUndefined();
    const listed = (await t.as(t.a.owner, { method: "GET", url: "/api/v1/users" })).json().items.find((u: { id: string }) => u.id === res.json().id);
    expect(listed).toMatchObject({ invited: false, name: "Ivy Newname" });
  });

  it("refuses an invite token that was never issued", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/invites/accept", payload: { token: "x".repeat(32), password: "long enough" } });
    expect(res.statusCode).toBe(404);
  });

  it("refuses agents and supervisors with 403, and creates nobody", async () => {
    for (const user of [t.a.agent, t.a.supervisor]) {
      const res = await create(user, { name: "Sneaky", email: `sneaky-${user.role}@example.com`, role: "agent", password: PASSWORD });
      expect(res.statusCode, user.role).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
    }
    const all = await emails(t.a.owner);
    expect(all.filter((e: string) => e.startsWith("sneaky"))).toEqual([]);
  });

  it("lets only an owner create another owner", async () => {
    const byAdmin = await create(t.a.admin, { name: "Boss", email: "boss@example.com", role: "owner" });
    expect(byAdmin.statusCode).toBe(403);
    expect(await emails(t.a.owner)).not.toContain("boss@example.com");
    const byOwner = await create(t.a.owner, { name: "Boss", email: "boss@example.com", role: "owner" });
    expect(byOwner.statusCode).toBe(201);
    expect(byOwner.json()).toMatchObject({ role: "owner", invited: true });
    // Admins may still create admins.
    expect((await create(t.a.admin, { name: "Second Admin", email: "admin2@example.com", role: "admin" })).statusCode).toBe(201);
  });

  it("answers 409 for an email already in use, whatever its case and whichever account has it", async () => {
    const same = await create(t.a.owner, { name: "Dup", email: t.a.agent.email.toUpperCase(), role: "agent" });
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toMatchObject({ code: "conflict", field: "body.email" });
    const other = await create(t.a.owner, { name: "Dup", email: t.b.agent.email, role: "agent" });
    expect(other.statusCode).toBe(409);
  });

  it("answers 400 naming the field for an invalid role, email, name or password", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "X", email: "x@example.com", role: "god" }, "body.role"],
      [{ name: "X", email: "not-an-email", role: "agent" }, "body.email"],
      [{ name: "   ", email: "x@example.com", role: "agent" }, "body.name"],
      [{ name: "X".repeat(121), email: "x@example.com", role: "agent" }, "body.name"],
      [{ name: "X", email: "x@example.com", role: "agent", password: "short" }, "body.password"],
      [{ email: "x@example.com", role: "agent" }, "body.name"],
    ];
    for (const [payload, field] of cases) {
      const res = await create(t.a.owner, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    expect(await emails(t.a.owner)).not.toContain("x@example.com");
  });
});
