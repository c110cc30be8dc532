import type { FastifyInstance, RouteOptions } from "fastify";
import { z } from "zod";

type Collected = { method: string; url: string; schema: Record<string, unknown>; public: boolean };

type Json = Record<string, unknown>;
const REF = (id: string) => `#/components/schemas/${id}`;

/**
 * zod → JSON Schema for use inside the OpenAPI document: named schemas (`.meta({ id })`) are hoisted into
 * `components.schemas` (refs pointing there), and the per-schema `$schema` is dropped (the document says it).
 */
function converter(components: Record<string, Json>) {
  return (s: unknown, io: "input" | "output"): Json => {
    const raw = z.toJSONSchema(s as z.ZodType, { target: "draft-2020-12", io, unrepresentable: "any" });
    const js = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', `"${REF("")}`)) as Json;
    delete js.$schema;
    const defs = (js.$defs ?? {}) as Record<string, Json>;
    delete js.$defs;
    for (const [id, def] of Object.entries(defs)) components[id] ??= def;
    return js;
  };
}

function parameters(toJson: (s: unknown) => Json, schema: unknown, where: "path" | "query") {
  if (!schema) return [];
  const js = toJson(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** Collects every route's zod schemas as it is registered; the same schemas validate the requests. */
export function collectRoutes(app: FastifyInstance): Collected[] {
  const routes: Collected[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema || schema.hide || !route.url.startsWith("/api/")) return;
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      routes.push({ method: method.toLowerCase(), url: route.url, schema, public: Boolean((route.config as { public?: boolean })?.public) });
    }
  });
  return routes;
}

export function buildOpenApi(routes: Collected[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Json> = {};
  const convert = converter(components);
  const toJson = (s: unknown) => convert(s, "input");
  const toJsonOut = (s: unknown) => convert(s, "output");
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, "{$1}");
    const s = r.schema;
    const responses: Record<string, unknown> = {};
    for (const [code, sch] of Object.entries((s.response as Record<string, unknown>) ?? {})) {
      responses[code] = { description: Number(code) < 300 ? "Success" : "Error", content: { "application/json": { schema: toJsonOut(sch) } } };
    }
    if (!Object.keys(responses).length) responses["204"] = { description: "No content" };
    responses["4XX"] = { description: "Client error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    (paths[path] ??= {})[r.method] = {
      tags: s.tags,
      summary: s.summary,
      description: s.description,
      security: r.public ? [] : undefined,
      parameters: [...parameters(toJson, s.params, "path"), ...parameters(toJson, s.querystring, "query")],
      requestBody: s.body
        ? { required: !(s.body as z.ZodType).safeParse(undefined).success, content: { "application/json": { schema: toJson(s.body) } } }
        : undefined,
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Rapport API",
      version: "1",
      description:
        "Every route takes a session cookie (browser; writes need the x-csrf-token header) or an API token as `Authorization: Bearer`. Errors are `{error:{code,message,field?}}`.\n\n" +
        "**Live updates.** `GET /api/v1/realtime` upgrades to a WebSocket (session cookie from the same origin, or `?token=<API token>`). " +
        "The server pushes JSON `{type, data}`: `hello` once; `conversation.created` and `conversation.updated` with a Conversation; " +
        "`message.created` and `message.updated` with a Message; `notification.created` with a Notification (only to its recipient); " +
        "`presence` with `{conversationId, viewers:[{userId,name,typing}]}`. A client may send `{type:\"view\",conversationId}`, " +
        "`{type:\"typing\",conversationId,typing}` and `{type:\"ping\"}`; a malformed message is answered with an `error` push.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "rapport_session" },
      },
      schemas: {
        ...components,
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
