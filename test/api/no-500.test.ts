import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../helpers/app";

/**
 * "Never a 500 on input": every documented route, fed hostile bodies, query strings and ids, answers
 * 2xx or 4xx. The routes come from the OpenAPI document, so a new route is covered the day it appears.
 */
let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let conversationId: string;
let customerId: string;
beforeAll(async () => {
  t = await startTestAppWithTeam();
  const c = await t.as(t.a.owner, {
    method: "POST",
    url: "/api/v1/conversations",
    payload: { channel: "api", customer: { email: "fuzz@example.com" }, message: { text: "seed" } },
  });
  conversationId = c.json().id;
  customerId = c.json().customer.id;
});
afterAll(async () => t?.close());

const hostileValues: unknown[] = [
  null,
  "",
  "x".repeat(5000),
  "nul\u0000byte",
  -1,
  1e308,
  1.5,
  true,
  [],
  {},
  [1, 2, 3],
  { nested: { deeper: [null] } },
  "'; DROP TABLE conversations; --",
  "<script>alert(1)</script>",
  "2026-13-45T99:99:99Z",
  "00000000-0000-0000-0000-000000000000",
  "😀".repeat(100),
];

const KEYS = ["channel", "customer", "message", "text", "html", "kind", "status", "snoozedUntil", "priority", "assigneeId", "teamId", "tags", "name", "email", "password", "role", "userId", "identities", "attributes", "accountName", "token", "ids", "memberIds"];

function bodies(): unknown[] {
  const out: unknown[] = [null, [], "string", 42, {}];
  for (const v of hostileValues) out.push(Object.fromEntries(KEYS.map((k) => [k, v])));
  for (const k of KEYS) for (const v of hostileValues.slice(0, 8)) out.push({ [k]: v });
  return out;
}

const QUERIES = [
  "",
  "?limit=0",
  "?limit=abc&cursor=%%%",
  "?status=bogus&sort=sideways",
  "?q=%00",
  `?q=${encodeURIComponent("a & | ! ( :* <->")}`,
  "?cursor=eyJ0IjoiMjAyNiIsImlkIjoieCJ9",
  "?assignee=me&assignee=none",
];

describe("no route answers 5xx to hostile input", () => {
  it("fuzzes every documented route", { timeout: 120_000 }, async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as { paths: Record<string, Record<string, unknown>> };
    const failures: string[] = [];
    let requests = 0;
    const ids = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", conversationId, customerId, "%00", "..%2F..%2Fetc"];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (path.includes("auth/logout")) continue;
        const urls = path.includes("{id}") ? ids.map((id) => path.replace("{id}", id)) : [path];
        for (const url of urls) {
          for (const q of method === "get" ? QUERIES : [""]) {
            for (const body of method === "get" ? [undefined] : bodies()) {
              requests++;
              const res = await t.as(t.a.owner, {
                method: method.toUpperCase() as "GET",
                url: `${url}${q}`,
                ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { "content-type": "application/json" } }),
              });
              if (res.statusCode >= 500) {
                failures.push(`${method.toUpperCase()} ${url}${q} ${JSON.stringify(body)?.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
              }
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });

  it("refuses a NUL character in a JSON string with a 400 naming the field", async () => {
    const res = await t.as(t.a.owner, {
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: JSON.stringify({ kind: "note", text: "a\u0000b" }),
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("body.text");
  });
});
