import type { FastifySchemaCompiler, FastifyTypeProvider } from "fastify";
import type { FastifySerializerCompiler } from "fastify/types/schema";
import type { z } from "zod";

/** Lets routes declare zod schemas and get typed request parts and replies. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this["schema"] extends z.ZodType ? z.output<this["schema"]> : unknown;
  serializer: this["schema"] extends z.ZodType ? z.input<this["schema"]> : unknown;
}

export class RequestValidationError extends Error {
  constructor(
    readonly part: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  }
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown field(s): ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  return issue.message;
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // Fastify passes null for a request without a body; as undefined, a schema's .default() applies to it.
    const result = schema.safeParse(httpPart === "body" && data === null ? undefined : data, { reportInput: true });
    if (result.success) return { value: result.data };
    const part = httpPart === "querystring" ? "query" : (httpPart ?? "body");
    const issues = result.error.issues.map((i) => ({
      path: [part, ...i.path.map(String)].join("."),
      message: describe(i),
    }));
    return { error: new RequestValidationError(part, issues) };
  };

/** Responses are serialized as they are; tests check them against the declared schema (see app.ts). */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = () => (data) => JSON.stringify(data);
