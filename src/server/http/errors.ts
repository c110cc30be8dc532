import type { FastifyError, FastifyInstance } from "fastify";
import { AppError } from "../lib/errors";
import { RequestValidationError } from "./zod";

/** Every failure becomes {error:{code,message,field?}}; input problems are 4xx, never 500. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | RequestValidationError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, field: err.field } });
    }
    if (err instanceof RequestValidationError) {
      const first = err.issues[0];
      return reply.status(400).send({
        error: {
          code: "validation_failed",
          message: first ? `${first.path}: ${first.message}` : "invalid request",
          field: first?.path,
          issues: err.issues,
        },
      });
    }
    // Safety nets: a constraint the use-case did not pre-check is still the caller's problem, not a 500.
    const pgCode = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (pgCode === "23505") return reply.status(409).send({ error: { code: "conflict", message: "This would duplicate an existing record" } });
    if (pgCode === "23503") return reply.status(400).send({ error: { code: "invalid_reference", message: "A referenced record does not exist" } });
    if (pgCode === "22P02" || pgCode === "22021" || pgCode === "22001" || pgCode === "22007" || pgCode === "22008" || pgCode === "54000") {
      return reply.status(400).send({ error: { code: "invalid_request", message: "A value in the request is not acceptable" } });
    }
    const fe = err as FastifyError & { validation?: unknown };
    if (fe.validation && fe.validationContext) {
      return reply.status(400).send({ error: { code: "validation_failed", message: fe.message } });
    }
    switch (fe.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return reply
          .status(413)
          .send({ error: { code: "payload_too_large", message: `Request body is larger than the limit of ${app.initialConfig.bodyLimit} bytes` } });
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return reply.status(415).send({ error: { code: "unsupported_media_type", message: "Send the body as application/json" } });
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return reply.status(400).send({ error: { code: "invalid_json", message: "Body is empty but Content-Type is application/json" } });
      case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
        return reply.status(400).send({ error: { code: "invalid_request", message: "Content-Length does not match the body" } });
    }
    const status = fe.statusCode ?? 500;
    // @fastify/rate-limit throws the body our errorResponseBuilder made: { statusCode: 429, error: {code, message} }.
    const built = (err as { error?: { code?: unknown; message?: unknown } }).error;
    if (status === 429 && built && typeof built.code === "string" && typeof built.message === "string") {
      return reply.status(429).send({ error: { code: built.code, message: built.message } });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: fe.code ?? "invalid_request", message: fe.message } });
    }
    request.log.error({ err }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal_error", message: "Something went wrong on our side" } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url.split("?")[0]}` } });
  });
}

/** Strict JSON: the body must be UTF-8 and parse; the message says where it broke. */
export function registerJsonParser(app: FastifyInstance): void {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Only JSON: without this, Fastify's default text/plain parser would hand a string to validation instead of a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json\b/, { parseAs: "buffer" }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      done(new AppError(400, "invalid_utf8", "Body is not valid UTF-8"), undefined);
      return;
    }
    if (text.trim() === "") {
      done(new AppError(400, "invalid_json", "Body is empty but Content-Type is application/json"), undefined);
      return;
    }
    let nulAt: string | null = null;
    let value: unknown;
    try {
      value = JSON.parse(text, (key, v) => {
        if (key === "__proto__") return undefined;
        // PostgreSQL text cannot hold NUL; refuse it here rather than fail at the database.
        if (typeof v === "string" && v.includes("\u0000")) nulAt ??= key || "(root)";
        return v;
      });
    } catch (err) {
      done(new AppError(400, "invalid_json", `Body is not valid JSON: ${(err as Error).message}`), undefined);
      return;
    }
    if (nulAt !== null) {
      done(new AppError(400, "invalid_request", `body: the field "${nulAt}" contains a NUL character`, `body.${nulAt}`), undefined);
      return;
    }
    done(null, value);
  });
}
