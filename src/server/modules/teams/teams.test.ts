import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../../../../test/helpers/app";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
});
afterAll(async () => t?.close());

type Team = { id: string; name: string; memberIds: string[]; createdAt: string };
const listTeams = async (as = t.a.agent): Promise<Team[]> => (await t.as(as, { method: "GET", url: "/api/v1/teams" })).json().items;
const addMember = (teamId: string, userId: string, as = t.a.admin) => t.as(as, { method: "POST", url: `/api/v1/teams/${teamId}/members`, payload: { userId } });

describe("POST /api/v1/teams", () => {
  it("lets an admin create a team, with initial members", async () => {
    const res = await t.as(t.a.admin, { method: "POST", url: "/api/v1/teams", payload: { name: "  Billing ", memberIds: [t.a.agent.id, t.a.agent.id] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: "Billing", memberIds: [t.a.agent.id] });
    expect(Date.parse(res.json().createdAt)).not.toBeNaN();
    expect(await listTeams()).toEqual([res.json()]);
  });

  it("answers 409 for a name the account already uses, in any case; another account may use it", async () => {
    const dup = await t.as(t.a.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "BILLING" } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: "conflict", field: "body.name" });
    expect((await listTeams()).map((x) => x.name)).toEqual(["Billing"]);
    const inB = await t.as(t.b.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "Billing" } });
    expect(inB.statusCode).toBe(201);
  });

  it("refuses agents and supervisors with 403", async () => {
    for (const user of [t.a.agent, t.a.supervisor]) {
      const res = await t.as(user, { method: "POST", url: "/api/v1/teams", payload: { name: `By ${user.role}` } });
      expect(res.statusCode, user.role).toBe(403);
    }
    expect((await listTeams()).map((x) => x.name)).toEqual(["Billing"]);
  });

  it("refuses a member from another account with 400 and creates no team", async () => {
    const res = await t.as(t.a.admin, { method: "POST", url: "/api/v1/teams", payload: { name: "Mixed", memberIds: [t.a.agent.id, t.b.agent.id] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("body.userId");
    expect((await listTeams()).map((x) => x.name)).not.toContain("Mixed");
  });

  it("answers 400 for an empty or over-long name and non-UUID member ids", async () => {
    for (const [payload, field] of [
      [{ name: "  " }, "body.name"],
      [{ name: "x".repeat(81) }, "body.name"],
      [{ name: "Ok", memberIds: ["nope"] }, "body.memberIds.0"],
      [{ name: "Ok", color: "red" }, "body"],
    ] as const) {
      const res = await t.as(t.a.admin, { method: "POST", url: "/api/v1/teams", payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field, JSON.stringify(payload)).toBe(field);
    }
  });
});

describe("POST /api/v1/teams/:id/members", () => {
  it("adds a member (twice is a no-op); the team list and the user list show it", async () => {
    const team = (await t.as(t.a.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "Returns" } })).json();
    expect(team.memberIds).toEqual([]);
    const r1 = await addMember(team.id, t.a.agent2.id);
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ id: team.id, name: "Returns", memberIds: [t.a.agent2.id] });
    const r2 = await addMember(team.id, t.a.supervisor.id);
    expect(r2.json().memberIds).toEqual([t.a.agent2.id, t.a.supervisor.id]);
    const again = await addMember(team.id, t.a.agent2.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().memberIds).toEqual([t.a.agent2.id, t.a.supervisor.id]);

    const listed = (await listTeams(t.a.agent)).find((x) => x.id === team.id);
    expect(listed?.memberIds).toEqual([t.a.agent2.id, t.a.supervisor.id]);
    const users = (await t.as(t.a.agent, { method: "GET", url: "/api/v1/users" })).json().items as { id: string; teamIds: string[] }[];
    expect(users.find((u) => u.id === t.a.agent2.id)?.teamIds).toEqual([team.id]);
    const billing = (await listTeams()).find((x) => x.name === "Billing");
    expect(users.find((u) => u.id === t.a.agent.id)?.teamIds).toEqual([billing?.id]);
  });

  it("refuses a user from another account with 400 naming body.userId", async () => {
    const team = (await listTeams()).find((x) => x.name === "Billing") as Team;
    const res = await addMember(team.id, t.b.agent.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("body.userId");
    expect((await listTeams()).find((x) => x.id === team.id)?.memberIds).toEqual([t.a.agent.id]);
  });

  it("refuses agents and supervisors with 403", async () => {
    const team = (await listTeams()).find((x) => x.name === "Billing") as Team;
    for (const user of [t.a.agent, t.a.supervisor]) {
      const res = await addMember(team.id, user.id, user);
      expect(res.statusCode, user.role).toBe(403);
    }
    expect((await listTeams()).find((x) => x.id === team.id)?.memberIds).toEqual([t.a.agent.id]);
  });

  it("answers 404 for a team that does not exist and 400 for a non-UUID id", async () => {
    expect((await addMember("00000000-0000-4000-8000-000000000000", t.a.agent.id)).statusCode).toBe(404);
    const bad = await addMember("billing", t.a.agent.id);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("params.id");
  });
});

describe("GET /api/v1/teams", () => {
  it("lists the account's teams by name with their members, never another account's", async () => {
    const a = await listTeams(t.a.agent);
    expect(a.map((x) => x.name)).toEqual(["Billing", "Returns"]);
    const b = await listTeams(t.b.agent);
    expect(b.map((x) => x.name)).toEqual(["Billing"]);
    expect(b[0].id).not.toBe(a[0].id);
    expect(b[0].memberIds).toEqual([]);
  });
});
