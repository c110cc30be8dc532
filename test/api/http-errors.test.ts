import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../helpers/app";

/** Every bad request gets a precise 4xx in the one error shape; startTestApp fails the file on any 5xx. */
let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let conversationId: string;
beforeAll(async () => {
  t = await startTestAppWithTeam({ RAPPORT_BODY_LIMIT: "2048" });
  conversationId = (await raw(JSON.stringify({ channel: "api", customer: { email: "errors@example.com" }, message: { text: "hi" } }))).json().id;
});
afterAll(async () => t?.close());

function raw(payload: string | Buffer, contentType = "application/json", url = "/api/v1/conversations", method: "POST" | "PATCH" = "POST") {
  return t.as(t.a.owner, { method, url, payload, headers: { "content-type": contentType } });
}
const body = (payload: unknown) => raw(JSON.stringify(payload));
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.json()).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}
const valid = { channel: "api", customer: { email: "a@example.com" }, message: { text: "x" } };

describe("the body's bytes", () => {
  it("malformed JSON → 400 invalid_json with the parser's message", async () => {
    for (const text of ['{"channel": "api",', "{'channel': 'api'}", '{"channel": "api",}', "{channel: api}", "[1, 2", '"unterminated']) {
      let parserMessage = "";
      try {
        JSON.parse(text);
      } catch (err) {
        parserMessage = (err as Error).message;
      }
      const res = await raw(text);
      expectError(res, 400, "invalid_json");
      expect(res.json().error.message).toBe(`Body is not valid JSON: ${parserMessage}`);
    }
  });

  it("an empty body declared as JSON → 400 invalid_json", async () => {
    expectError(await raw(""), 400, "invalid_json");
    expectError(await raw("   \n"), 400, "invalid_json");
  });

  it("invalid UTF-8 → 400 invalid_utf8", async () => {
    const wrap = (bytes: number[]) => Buffer.concat([Buffer.from('{"channel":"api","subject":"'), Buffer.from(bytes), Buffer.from('"}')]);
    for (const bytes of [[0xff], [0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const res = await raw(wrap(bytes));
      expectError(res, 400, "invalid_utf8");
    }
    // Valid multi-byte UTF-8 is fine.
    const ok = await raw(Buffer.from(JSON.stringify({ ...valid, subject: "Grüße 😀 こんにちは" }), "utf8"));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().subject).toBe("Grüße 😀 こんにちは");
  });

  it("a body over the limit → 413 payload_too_large, on every route", async () => {
    const big = { ...valid, message: { text: "x".repeat(5000) } };
    const res = await body(big);
    expectError(res, 413, "payload_too_large");
    expect(res.json().error.message).toContain("2048");
    expectError(await raw(JSON.stringify({ kind: "note", text: "y".repeat(3000) }), "application/json", `/api/v1/conversations/${conversationId}/messages`), 413, "payload_too_large");
    // Just under the limit is accepted.
    const fits = await body({ ...valid, message: { text: "z".repeat(1900) } });
    expect(fits.statusCode).toBe(201);
  });

  it("a content type other than JSON → 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx"]) {
      const res = await raw("channel=api", type);
      expectError(res, 415, "unsupported_media_type");
    }
    // JSON with a charset, or a +json type, is JSON.
    expect((await raw(JSON.stringify(valid), "application/json; charset=utf-8")).statusCode).toBe(201);
    expect((await raw(JSON.stringify({ priority: "low" }), "application/merge-patch+json", `/api/v1/conversations/${conversationId}`, "PATCH")).statusCode).toBe(200);
  });

  it("a NUL character in a string → 400 naming the field", async () => {
    const res = await raw(JSON.stringify({ kind: "note", text: "a\u0000b" }), "application/json", `/api/v1/conversations/${conversationId}/messages`);
    expectError(res, 400, "invalid_request");
    expect(res.json().error.field).toBe("body.text");
  });
});

describe("the body's shape", () => {
  it("a body that is not an object → 400 naming body", async () => {
    for (const text of ["null", "[]", "42", '"text"', "true"]) {
      const res = await raw(text);
      expectError(res, 400, "validation_failed");
      expect(res.json().error.field, text).toBe("body");
    }
  });

  it("an unknown field → 400 naming it, at any depth", async () => {
    const top = await body({ ...valid, color: "red" });
    expectError(top, 400, "validation_failed");
    expect(top.json().error.field).toBe("body");
    expect(top.json().error.message).toBe("body: unknown field(s): color");
    expect(top.json().error.issues).toEqual([{ path: "body", message: "unknown field(s): color" }]);
    const nested = await body({ ...valid, customer: { email: "a@example.com", shoeSize: 42 } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error).toMatchObject({ field: "body.customer", message: "body.customer: unknown field(s): shoeSize" });
    const patch = await raw(JSON.stringify({ status: "open", owner: "me" }), "application/json", `/api/v1/conversations/${conversationId}`, "PATCH");
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.message).toContain("owner");
  });

  it("a wrong enum value, a wrong type or a missing field → 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ ...valid, channel: "fax" }, "body.channel"],
      [{ ...valid, channel: undefined }, "body.channel"],
      [{ ...valid, customer: { email: 42 } }, "body.customer.email"],
      [{ ...valid, customer: "a@example.com" }, "body.customer"],
      [{ ...valid, message: { text: ["x"] } }, "body.message.text"],
      [{ ...valid, message: undefined }, "body.message"],
      [{ ...valid, language: "English" }, "body.language"],
      [{ ...valid, customer: { phone: "not a phone" } }, "body.customer.phone"],
    ];
    for (const [payload, field] of cases) {
      const res = await body(payload);
      expectError(res, 400, res.json().error.code);
      expect(res.json().error.field, field).toBe(field);
      expect(res.json().error.message, field).toContain(field);
    }
    // A missing value "is required"; a value of the wrong type says what was expected.
    expect((await body({ ...valid, message: undefined })).json().error.message).toBe("body.message: is required");
    const wrongType = (await body({ ...valid, customer: { email: 42 } })).json().error.message;
    expect(wrongType).not.toContain("required");
    expect(wrongType).toMatch(/^body\.customer\.email: .*expected string/);
    const status = await raw(JSON.stringify({ status: "done" }), "application/json", `/api/v1/conversations/${conversationId}`, "PATCH");
    expect(status.json().error).toMatchObject({ code: "validation_failed", field: "body.status" });
    const role = await t.as(t.a.owner, { method: "POST", url: "/api/v1/users", payload: { name: "X", email: "x@example.com", role: "god" } });
    expect(role.json().error).toMatchObject({ code: "validation_failed", field: "body.role" });
  });

  it("strings over their maximum length → 400 naming the field", async () => {
    const cases: [string, unknown, string][] = [
      ["/api/v1/conversations", { ...valid, subject: "s".repeat(501) }, "body.subject"],
      ["/api/v1/conversations", { ...valid, customer: { email: "a@example.com", name: "n".repeat(201) } }, "body.customer.name"],
      ["/api/v1/customers", { name: "n".repeat(201) }, "body.name"],
      ["/api/v1/teams", { name: "t".repeat(81) }, "body.name"],
      ["/api/v1/api-tokens", { name: "k".repeat(81) }, "body.name"],
      ["/api/v1/users", { name: "u".repeat(121), email: "long@example.com" }, "body.name"],
    ];
    for (const [url, payload, field] of cases) {
      const res = await t.as(t.a.owner, { method: "POST", url, payload: payload as object });
      expectError(res, 400, "validation_failed");
      expect(res.json().error.field, `${url} ${field}`).toBe(field);
    }
    const tag = await raw(JSON.stringify({ tags: ["t".repeat(51)] }), "application/json", `/api/v1/conversations/${conversationId}`, "PATCH");
    expect(tag.json().error.field).toBe("body.tags.0");
    const q = await t.as(t.a.owner, { method: "GET", url: `/api/v1/conversations?q=${"q".repeat(201)}` });
    expectError(q, 400, "validation_failed");
    expect(q.json().error.field).toBe("query.q");
    const key = await t.as(t.a.owner, { method: "POST", url: "/api/v1/conversations", payload: valid, headers: { "idempotency-key": "k".repeat(201) } });
    expectError(key, 400, "invalid_request");
    expect(key.json().error.field).toBe("header.idempotency-key");
  });
});

describe("the URL", () => {
  it("a non-UUID id in the path → 400 naming params.id, on every route with an id", async () => {
    const routes: [string, string, object?][] = [
      ["GET", "/api/v1/conversations/42"],
      ["PATCH", "/api/v1/conversations/42", { status: "open" }],
      ["GET", "/api/v1/conversations/42/messages"],
      ["POST", "/api/v1/conversations/42/messages", { kind: "note", text: "x" }],
      ["GET", "/api/v1/conversations/42/events"],
      ["GET", "/api/v1/customers/not-a-uuid"],
      ["PATCH", "/api/v1/customers/not-a-uuid", { name: "x" }],
      ["POST", "/api/v1/teams/billing/members", { userId: t.a.agent.id }],
      ["DELETE", "/api/v1/api-tokens/abc"],
      ["GET", `/api/v1/conversations/${conversationId}x`],
      ["GET", "/api/v1/conversations/%00"],
    ];
    for (const [method, url, payload] of routes) {
      const res = await t.as(t.a.owner, { method: method as "GET", url, ...(payload ? { payload } : {}) });
      expectError(res, 400, "validation_failed");
      expect(res.json().error.field, `${method} ${url}`).toBe("params.id");
    }
  });

  it("an unknown route or method → 404 in the JSON error shape", async () => {
    for (const [method, url] of [
      ["GET", "/api/v1/nothing-here"],
      ["POST", "/api/v1/nothing-here"],
      ["GET", `/api/v1/conversations/${conversationId}/nope`],
      ["DELETE", `/api/v1/conversations/${conversationId}`],
      ["PUT", "/api/v1/customers"],
      ["GET", "/api/v2/conversations"],
    ]) {
      const res = await t.as(t.a.owner, { method: method as "GET", url });
      expectError(res, 404, "not_found");
      expect(res.json().error.message).toContain(url.split("?")[0]);
    }
    // Without credentials too: an unknown API route is a 404, not a sign-in page.
    expectError(await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" }), 404, "not_found");
  });

  it("unknown or malformed query parameters → 400 naming them", async () => {
    const unknown = await t.as(t.a.owner, { method: "GET", url: "/api/v1/conversations?colour=red" });
    expectError(unknown, 400, "validation_failed");
    expect(unknown.json().error.message).toContain("colour");
    const limit = await t.as(t.a.owner, { method: "GET", url: "/api/v1/customers?limit=lots" });
    expect(limit.json().error.field).toBe("query.limit");
  });
});
