import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "drizzle-orm";
import { AcceptInviteInput, LoginInput, Me, SetupStatus, SignupInput } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { sameOrigin } from "../../http/origin";
import type { ZodTypeProvider } from "../../http/zod";
import { AppError, forbidden } from "../../lib/errors";
import { createAccount } from "../accounts/create-account";
import { acceptInvite } from "./accept-invite";
import { forgetCredential, actorFromSession } from "./authenticate";
import { createSession } from "./create-session";
import { login } from "./login";
import { loadMe } from "./me";
import { SESSION_COOKIE } from "./plugin";
import { LoginThrottle } from "./throttle";

/** Per IP: generous for a shared office NAT, far too slow for guessing. */
const PUBLIC_LIMIT = { max: 60, timeWindow: "1 minute" };

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle();
  const days = app.ctx.config.sessionDays;

  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: req.protocol === "https",
      expires,
    });

  /** A cross-site form can't sign a victim into the attacker's account: writes without a session check Origin. */
  const checkOrigin = (req: FastifyRequest) => {
    if (!sameOrigin(req)) throw forbidden("Cross-origin request refused");
  };

  const signedIn = async (
    req: FastifyRequest,
    reply: FastifyReply,
    s: { token: string; expiresAt: Date },
  ) => {
    setCookie(req, reply, s.token, s.expiresAt);
    const actor = (await actorFromSession(app.ctx.db, s.token)) as Actor;
    return loadMe(app.ctx.db, actor);
  };

  r.post(
    "/api/v1/auth/login",
    { config: { public: true, rateLimit: PUBLIC_LIMIT }, schema: { tags: ["auth"], summary: "Sign in; sets the session cookie", body: LoginInput, response: { 200: Me } } },
    async (req, reply) => {
      checkOrigin(req);
      const wait = throttle.attempt(req.body.email, req.ip);
      if (wait > 0) {
        reply.header("retry-after", String(wait));
        throw new AppError(429, "too_many_attempts", `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`);
      }
      try {
        const s = await app.ctx.db.transaction((tx) =>
          login({ tx, email: req.body.email, password: req.body.password, sessionDays: days }),
        );
        throttle.succeed(req.body.email, req.ip);
        return signedIn(req, reply, s);
      } catch (err) {
        if (!(err instanceof AppError && err.status === 401)) throttle.release(req.body.email, req.ip);
        throw err;
      }
    },
  );

  r.post("/api/v1/auth/logout", { schema: { tags: ["auth"], summary: "Sign out" } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && req.actor.sessionId) {
      await app.ctx.db.execute(sql`DELETE FROM sessions WHERE id = ${req.actor.sessionId}`);
      forgetCredential(token);
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  r.get("/api/v1/me", { schema: { tags: ["auth"], summary: "The signed-in agent", response: { 200: Me } } }, async (req) =>
    loadMe(app.ctx.db, req.actor),
  );

  const needsSetup = async () => {
    const res = await app.ctx.db.execute(sql`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
    return Boolean((res.rows[0] as { empty: boolean }).empty);
  };

  r.get(
    "/api/v1/setup",
    { config: { public: true }, schema: { tags: ["auth"], summary: "Whether the one-time setup screen is due", response: { 200: SetupStatus } } },
    async () => ({ needsSetup: await needsSetup(), signupOpen: app.ctx.config.signupOpen }),
  );

  r.post(
    "/api/v1/setup",
    {
      config: { public: true, rateLimit: PUBLIC_LIMIT },
      schema: { tags: ["auth"], summary: "One-time setup: the first account and its owner", body: SignupInput, response: { 200: Me } },
    },
    async (req, reply) => {
      checkOrigin(req);
      const s = await app.ctx.db.transaction(async (tx) => {
        // Serialise concurrent setups: only the first one finds no users.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(724302)`);
        const empty = await tx.execute(sql`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
        if (!(empty.rows[0] as { empty: boolean }).empty) throw new AppError(409, "already_set_up", "Rapport is already set up; sign in instead");
        const { account, user } = await createAccount({ tx, input: req.body });
        return createSession({ tx, userId: user.id, accountId: account.id, days });
      });
      app.ctx.relay.kick();
      return signedIn(req, reply, s);
    },
  );

  r.post(
    "/api/v1/signup",
    {
      config: { public: true, rateLimit: PUBLIC_LIMIT },
      schema: { tags: ["auth"], summary: "Create a new account and its owner (when RAPPORT_SIGNUP=open)", body: SignupInput, response: { 201: Me } },
    },
    async (req, reply) => {
      checkOrigin(req);
      if (!app.ctx.config.signupOpen) {
        throw new AppError(403, "signup_closed", "Sign-up is closed on this Rapport. Ask an admin to invite you.");
      }
      const s = await app.ctx.db.transaction(async (tx) => {
        const { account, user } = await createAccount({ tx, input: req.body });
        return createSession({ tx, userId: user.id, accountId: account.id, days });
      });
      app.ctx.relay.kick();
      reply.status(201);
      return signedIn(req, reply, s);
    },
  );

  r.post(
    "/api/v1/invites/accept",
    { config: { public: true, rateLimit: PUBLIC_LIMIT }, schema: { tags: ["auth"], summary: "Accept an invite: set a password and sign in", body: AcceptInviteInput, response: { 200: Me } } },
    async (req, reply) => {
      checkOrigin(req);
      const s = await app.ctx.db.transaction((tx) => acceptInvite({ tx, ...req.body, sessionDays: days }));
      app.ctx.relay.kick();
      return signedIn(req, reply, s);
    },
  );
}
