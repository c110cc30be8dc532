import type { FastifyInstance, FastifyRequest } from "fastify";
import { VisitorClientMessage } from "../../../shared/schemas";
import { AppError } from "../../lib/errors";
import type { VisitorConn } from "./hub";
import { presentVisitor, type ChatInboxRow, type VisitorRow, visitorByToken } from "./visitors";
import { visitorConversations } from "./queries";
import { RateLimited, take } from "./rate-limit";
import type { ChatRuntime } from "./runtime";
import { checkOrigin } from "./routes-helpers";

const handshakes = new WeakMap<FastifyRequest, { visitor: VisitorRow; inbox: ChatInboxRow }>();

/**
 * GET /api/v1/widget/socket?token=…: the visitor's WebSocket, apart from the agents' one. The upgrade is
 * refused (401/403/429) before it happens for a bad token, a foreign Origin or too many connects; after it,
 * the widget has HANDSHAKE_MS to say hello (with where it is), then messages, typing and reads flow both ways.
 */
export async function widgetSocketRoute(app: FastifyInstance, rt: ChatRuntime) {
  app.get(
    "/api/v1/widget/socket",
    {
      websocket: true,
      config: { public: true },
      schema: { hide: true },
      preValidation: async (req, reply) => {
        const q = req.query as { token?: string; inbox?: string };
        const wait = rt.limits.ip.hit(req.ip);
        if (wait > 0) {
          reply.header("retry-after", String(wait));
          throw new RateLimited(wait);
        }
        const visitor = await visitorByToken(app.ctx.db, q.token);
        if (!visitor || (q.inbox && q.inbox !== visitor.inbox_id)) throw new AppError(401, "unauthorized", "Unknown visitor token");
        const inbox = await rt.inboxes.get(visitor.inbox_id);
        if (!inbox) throw new AppError(401, "unauthorized", "This chat no longer exists");
        checkOrigin(req, inbox, app.ctx.publicUrl(req));
        const again = rt.limits.visitor.hit(visitor.id);
        if (again > 0) {
          reply.header("retry-after", String(again));
          throw new RateLimited(again);
        }
        handshakes.set(req, { visitor, inbox });
      },
    },
    (socket, req) => {
      const h = handshakes.get(req);
      if (!h) return socket.close(1011);
      rt.hub.attach(socket, h.visitor, h.inbox, req.ip, req.headers["user-agent"]);
    },
  );
}

/** One frame from a visitor's socket (the hub runs them one at a time, in order). */
export async function handleFrame(rt: ChatRuntime, conn: VisitorConn, raw: string): Promise<void> {
  let msg: VisitorClientMessage;
  try {
    const parsed = VisitorClientMessage.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const clientId = (JSON.parse(raw) as { clientId?: unknown }).clientId;
      return rt.hub.send(conn, {
        type: "error",
        data: {
          clientId: typeof clientId === "string" ? clientId : undefined,
          code: "invalid_message",
          message: `${issue?.path.join(".") || "message"}: ${issue?.message ?? "invalid"}`,
        },
      });
    }
    msg = parsed.data;
  } catch {
    return rt.hub.send(conn, { type: "error", data: { code: "invalid_json", message: "Frames must be JSON" } });
  }
  if (!conn.helloed && msg.type !== "hello") {
    return rt.hub.send(conn, { type: "error", data: { code: "hello_first", message: "Say hello first" } });
  }
  const v = conn.visitor;
  if (msg.type !== "ping" && rt.limits.visitor.hit(v.id) > 0) {
    return rt.hub.send(conn, { type: "error", data: { code: "rate_limited", message: "Too many messages; slow down" } });
  }
  switch (msg.type) {
    case "hello": {
      if (conn.helloed) return;
      const [conversations, availability] = await Promise.all([visitorConversations(rt.ctx.db, v), rt.availability(conn.inbox)]);
      rt.hub.register(
        conn,
        conversations.map((c) => c.id),
      );
      rt.hub.send(conn, { type: "hello", data: { visitor: presentVisitor(v), availability } });
      await rt.setContext(v, msg.context, conn.userAgent);
      return;
    }
    case "context":
      return rt.setContext(v, msg.context, conn.userAgent);
    case "ping":
      return rt.hub.send(conn, { type: "pong", data: null });
    case "typing": {
      if (!conn.conversations.has(msg.conversationId)) return;
      const now = msg.typing ? msg.conversationId : null;
      if (now === conn.typingIn) return;
      conn.typingIn = now;
      await rt.ctx.hub.broadcast(v.account_id, { type: "chat.typing", data: { conversationId: msg.conversationId, typing: msg.typing } });
      return;
    }
    case "read":
      await rt.markVisitorRead(v, msg.conversationId);
      return;
    case "message": {
      try {
        take(rt.limits.send, v.id);
        take(rt.limits.ip, conn.ip);
        const { type: _t, ...input } = msg;
        const result = await rt.send(v, conn.inbox, input);
        rt.hub.follow(conn, result.conversation.id);
        if (conn.typingIn) {
          conn.typingIn = null;
          await rt.ctx.hub.broadcast(v.account_id, {
            type: "chat.typing",
            data: { conversationId: result.conversation.id, typing: false },
          });
        }
        rt.hub.send(conn, { type: "ack", data: { clientId: msg.clientId, ...result } });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        rt.hub.send(conn, { type: "error", data: { clientId: msg.clientId, code: err.code, message: err.message } });
      }
    }
  }
}
