import type { FastifyRequest } from "fastify";

/** Calls per account and minute to an endpoint that may ask the LLM: generous for people, a brake on scripts and bills. */
export const LLM_CALLS_PER_MINUTE = 120;

/**
 * Route `config.rateLimit` for an endpoint that may ask the LLM (answers, drafts, translation, summaries),
 * counted per account (whoever in it asks); `skip` lets requests that won't reach the model through uncounted.
 */
export function llmRateLimit(name: string, opts: { max?: number; skip?: (req: FastifyRequest) => boolean } = {}) {
  const skip = opts.skip;
  return {
    max: opts.max ?? LLM_CALLS_PER_MINUTE,
    timeWindow: "1 minute",
    // After authentication (and parsing), so the key is the account and `skip` can read the body and query.
    hook: "preHandler" as const,
    keyGenerator: (req: FastifyRequest) => `${name}:${req.actor?.accountId ?? req.ip}`,
    ...(skip ? { allowList: (req: FastifyRequest) => skip(req) } : {}),
  };
}
