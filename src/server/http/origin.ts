import type { FastifyRequest } from "fastify";

/** The host an Origin header names, or null when it is absent, "null" or not a URL. */
export function originHost(origin: string | undefined): string | null {
  if (!origin || origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** True when the request carries no Origin or one naming this very host (an unparsable Origin is foreign). */
export function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === "null") return true;
  return originHost(origin) === req.headers.host;
}
