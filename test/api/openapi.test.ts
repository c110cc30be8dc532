import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";

type Json = Record<string, any>;
let t: TestApp;
let doc: Json;
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => t?.close());

/** The API contract: every route and method the server offers under /api/v1 (the WebSocket aside). */
const CONTRACT: Record<string, string[]> = {
  "/api/v1/auth/login": ["post"],
  "/api/v1/auth/logout": ["post"],
  "/api/v1/me": ["get"],
  "/api/v1/setup": ["get", "post"],
  "/api/v1/signup": ["post"],
  "/api/v1/invites/accept": ["post"],
  "/api/v1/users": ["get", "post"],
  "/api/v1/teams": ["get", "post"],
  "/api/v1/teams/{id}/members": ["post"],
  "/api/v1/api-tokens": ["get", "post"],
  "/api/v1/api-tokens/{id}": ["delete"],
  "/api/v1/customers": ["get", "post"],
  "/api/v1/customers/{id}": ["get", "patch"],
  "/api/v1/conversations": ["get", "post"],
  "/api/v1/conversations/counts": ["get"],
  "/api/v1/conversations/{id}": ["get", "patch"],
  "/api/v1/conversations/{id}/messages": ["get", "post"],
  "/api/v1/conversations/{id}/events": ["get"],
  "/api/v1/notifications": ["get"],
  "/api/v1/notifications/read": ["post"],
  "/api/v1/conversations/{id}/email-thread": ["get"],
  "/api/v1/inboxes": ["get", "post"],
  "/api/v1/inboxes/{id}": ["delete", "get", "patch"],
  "/api/v1/inbound-emails": ["get"],
  "/api/v1/inbound-emails/{id}/raw": ["get"],
  "/api/v1/attachments/{id}": ["get"],
  "/api/v1/messages/{id}/raw": ["get"],
  "/api/v1/messages/{id}/retry": ["post"],
  "/api/v1/articles": ["get", "post"],
  "/api/v1/articles/{id}": ["delete", "get", "patch"],
  "/api/v1/articles/{id}/translations/{locale}": ["delete", "put"],
  "/api/v1/articles/{id}/translations/{locale}/versions": ["get"],
  "/api/v1/articles/{id}/translations/{locale}/restore": ["post"],
  "/api/v1/article-categories": ["get", "post"],
  "/api/v1/article-categories/{id}": ["delete", "patch"],
  "/api/v1/help-center": ["get", "patch"],
  "/api/v1/knowledge/health": ["get"],
  "/api/v1/conversations/{id}/article-suggestions": ["get"],
  "/api/v1/public/{accountSlug}/search": ["get"],
  "/api/v1/public/{accountSlug}/articles/{slug}/feedback": ["post"],
  "/api/v1/public/{accountSlug}/contact": ["post"],
  "/api/v1/conversations/{id}/chat": ["get"],
  "/api/v1/inboxes/{id}/identity-secret": ["get", "post"],
  "/api/v1/widget/config": ["get"],
  "/api/v1/widget/visitors": ["post"],
  "/api/v1/widget/me": ["get", "patch"],
  "/api/v1/widget/identify": ["post"],
  "/api/v1/widget/messages": ["post"],
  "/api/v1/widget/conversations/{id}/messages": ["get"],
  "/api/v1/widget/conversations/{id}/read": ["post"],
  "/api/v1/widget/conversations/{id}/follow-up": ["post"],
  "/api/v1/widget/articles": ["get"],
  "/api/v1/widget/articles/{id}": ["get"],
  "/api/v1/widget/deflection": ["post"],
  "/api/v1/analyze": ["post"],
  "/api/v1/ai/capabilities": ["get"],
  "/api/v1/conversations/{id}/temperature": ["get"],
  "/api/v1/answers": ["post"],
  "/api/v1/inboxes/{id}/ai-agent": ["get", "patch"],
  "/api/v1/inboxes/{id}/ai-agent/metrics": ["get"],
  "/api/v1/conversations/{id}/guidance": ["get"],
  "/api/v1/conversations/{id}/acknowledgement-check": ["post"],
  "/api/v1/conversations/{id}/summaries": ["get", "post"],
  "/api/v1/conversations/{id}/follow-ups": ["get", "post"],
  "/api/v1/follow-ups/{id}": ["patch"],
  "/api/v1/messages/{id}/translate": ["post"],
  "/api/v1/translate": ["post"],
};
const PUBLIC = [
  "post /api/v1/auth/login",
  "get /api/v1/setup",
  "post /api/v1/setup",
  "post /api/v1/signup",
  "post /api/v1/invites/accept",
  "get /api/v1/public/{accountSlug}/search",
  "post /api/v1/public/{accountSlug}/articles/{slug}/feedback",
  "post /api/v1/public/{accountSlug}/contact",
  // The chat widget's API: visitors, by their visitor token, from the inbox's allowed sites.
  "get /api/v1/widget/config",
  "post /api/v1/widget/visitors",
  "get /api/v1/widget/me",
  "patch /api/v1/widget/me",
  "post /api/v1/widget/identify",
  "post /api/v1/widget/messages",
  "get /api/v1/widget/conversations/{id}/messages",
  "post /api/v1/widget/conversations/{id}/read",
  "post /api/v1/widget/conversations/{id}/follow-up",
  "get /api/v1/widget/articles",
  "get /api/v1/widget/articles/{id}",
  "post /api/v1/widget/deflection",
];
const NO_BODY = [
  "post /api/v1/auth/logout",
  "post /api/v1/messages/{id}/retry",
  "post /api/v1/inboxes/{id}/identity-secret",
  "post /api/v1/widget/conversations/{id}/read",
  "post /api/v1/conversations/{id}/summaries",
];

/** Follows a `$ref` into components.schemas (failing the test when it does not resolve). */
function resolve(schema: Json): Json {
  if (!schema?.$ref) return schema;
  const name = String(schema.$ref).replace("#/components/schemas/", "");
  const target = doc.components.schemas[name];
  expect(target, schema.$ref).toBeDefined();
  return resolve(target);
}
const ops = () =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ path, method, op })),
  );
const bodyOf = (path: string, method: string) => resolve(doc.paths[path][method].requestBody.content["application/json"].schema);

describe("GET /api/v1/openapi.json", () => {
  it("is public OpenAPI 3.1 JSON describing the server it came from", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json", headers: { host: "help.example.com" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: "http", scheme: "bearer" },
      cookie: { type: "apiKey", in: "cookie", name: "rapport_session" },
    });
    expect(doc.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it("documents exactly the contract's paths and methods, each one served by the app", () => {
    const documented = Object.fromEntries(Object.entries(doc.paths as Record<string, object>).map(([p, m]) => [p, Object.keys(m).sort()]));
    expect(documented).toEqual(CONTRACT);
    for (const { path, method } of ops()) {
      const url = path.replace(/\{(\w+)\}/g, ":$1");
      expect(t.app.hasRoute({ method: method.toUpperCase() as "GET", url }), `${method} ${path}`).toBe(true);
    }
  });

  it("gives every write its JSON request-body schema, strict about unknown fields", () => {
    for (const { path, method, op } of ops()) {
      const key = `${method} ${path}`;
      if (method === "get" || method === "delete" || NO_BODY.includes(key)) {
        expect(op.requestBody, key).toBeUndefined();
        continue;
      }
      // Only marking notifications read takes no body at all (then it marks all of them).
      expect(op.requestBody?.required, key).toBe(key !== "post /api/v1/notifications/read");
      const body = bodyOf(path, method);
      // A body that is one of several shapes (an email or a chat inbox) is strict in each of them.
      for (const schema of (body.oneOf ?? body.anyOf ?? [body]).map(resolve)) {
        expect(schema.type, key).toBe("object");
        expect(Object.keys(schema.properties ?? {}).length, key).toBeGreaterThan(0);
        expect(schema.additionalProperties, key).toBe(false);
      }
    }
  });

  it("spells out the contract's request bodies", () => {
    expect(bodyOf("/api/v1/auth/login", "post")).toMatchObject({ required: expect.arrayContaining(["email", "password"]) });
    expect(bodyOf("/api/v1/signup", "post").required).toEqual(expect.arrayContaining(["accountName", "name", "email", "password"]));
    expect(bodyOf("/api/v1/users", "post").properties.role.enum).toEqual(["owner", "admin", "supervisor", "agent"]);
    const create = bodyOf("/api/v1/conversations", "post");
    expect(create.required).toEqual(expect.arrayContaining(["channel", "customer", "message"]));
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(["channel", "customer", "subject", "language", "message"]));
    expect(Object.keys(resolve(create.properties.customer).properties)).toEqual(
      expect.arrayContaining(["email", "phone", "externalId", "name"]),
    );
    const update = bodyOf("/api/v1/conversations/{id}", "patch");
    expect(Object.keys(update.properties).sort()).toEqual(["assigneeId", "priority", "snoozedUntil", "status", "tags", "teamId"]);
    expect(update.properties.status.enum).toEqual(["open", "pending", "snoozed", "resolved", "closed"]);
    expect(update.properties.priority.enum).toEqual(["low", "normal", "high", "urgent"]);
    const message = bodyOf("/api/v1/conversations/{id}/messages", "post");
    expect(message.properties.kind.enum).toEqual(["incoming", "reply", "note"]);
    expect(Object.keys(message.properties)).toEqual(expect.arrayContaining(["text", "html"]));
    expect(Object.keys(bodyOf("/api/v1/customers/{id}", "patch").properties).sort()).toEqual(["attributes", "identities", "name"]);
    expect(bodyOf("/api/v1/teams/{id}/members", "post")).toMatchObject({
      required: ["userId"],
      properties: { userId: { format: "uuid" } },
    });
    expect(bodyOf("/api/v1/api-tokens", "post").required).toEqual(["name"]);
  });

  it("declares the id path parameter as a UUID and the list filters as query parameters", () => {
    for (const { path, method, op } of ops()) {
      const id = (op.parameters as Json[]).find((p) => p.in === "path" && p.name === "id");
      // Inbound mail is numbered (it is a log); everything else has a UUID.
      const schema = path.startsWith("/api/v1/inbound-emails/") ? { type: "integer" } : { format: "uuid" };
      if (path.includes("{id}")) expect(id, `${method} ${path}`).toMatchObject({ name: "id", required: true, schema });
      else expect(id, `${method} ${path}`).toBeUndefined();
    }
    const list = doc.paths["/api/v1/conversations"].get.parameters.filter((p: Json) => p.in === "query").map((p: Json) => p.name);
    expect(list.sort()).toEqual(["assignee", "channel", "cursor", "customer", "limit", "mood", "q", "sort", "status", "tag", "team"]);
    const customers = doc.paths["/api/v1/customers"].get.parameters.map((p: Json) => p.name);
    expect(customers.sort()).toEqual(["cursor", "limit", "q"]);
  });

  it("marks exactly the sign-in, setup, sign-up and invite routes and the help center's public API public", () => {
    const open = ops()
      .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
      .map(({ method, path }) => `${method} ${path}`);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it("documents success responses by reference to named schemas, and every reference resolves", () => {
    expect(doc.paths["/api/v1/conversations"].post.responses["201"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Conversation",
    });
    expect(doc.paths["/api/v1/conversations/{id}/messages"].post.responses["201"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Message",
    });
    expect(resolve(doc.paths["/api/v1/me"].get.responses["200"].content["application/json"].schema).properties.csrfToken).toBeDefined();
    for (const { path, method, op } of ops()) {
      const ok = Object.keys(op.responses).filter((c) => c.startsWith("2"));
      expect(ok.length, `${method} ${path}`).toBeGreaterThan(0);
      expect(op.responses["4XX"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
    }
    const text = JSON.stringify(doc);
    expect(text).not.toContain("#/$defs/");
    for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      expect(ref.startsWith("#/components/schemas/"), ref).toBe(true);
      expect(doc.components.schemas[ref.slice("#/components/schemas/".length)], ref).toBeDefined();
    }
  });
});

describe("GET /api/docs", () => {
  it("is a public, self-contained HTML page listing every documented operation", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>/i);
    for (const { path, method } of ops()) {
      expect(html, `${method} ${path}`).toContain(`<span class="m ${method}">${method.toUpperCase()}</span> <code>${path}</code>`);
    }
    expect(html).toContain("Request body");
    // Nothing loaded from elsewhere, nothing executed.
    expect(html).not.toMatch(/<script|<link|<iframe|src="https?:/i);
  });

  describe("the live-updates WebSocket", () => {
    it("is documented with every push type and client message", () => {
      const d = doc.info.description as string;
      for (const word of [
        "/api/v1/realtime",
        "?token=",
        "conversation.created",
        "conversation.updated",
        "message.created",
        "notification.created",
        "presence",
        '"typing"',
        '"view"',
      ]) {
        expect(d, word).toContain(word);
      }
    });
  });
});
