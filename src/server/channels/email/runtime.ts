import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../context";
import type { JobDeps } from "../../jobs/queue";
import { ImapFetcher } from "./imap-fetcher";
import { createSmtpReceiver } from "./receiver";

/** The email channel's long-running parts in this process: the SMTP receiver (web role) and IMAP fetchers (worker role). */
export type EmailRuntime = {
  /** The port the SMTP receiver listens on, once it does; null when it is off. */
  smtpPort(): number | null;
  /** Inboxes were added or changed: fetchers follow at once (other nodes within a poll interval). */
  inboxesChanged(): void;
};

export function registerEmailRuntime(app: FastifyInstance, ctx: AppContext, deps: JobDeps): EmailRuntime {
  const { config } = ctx;
  const receiver =
    config.email.smtp && config.role !== "worker"
      ? createSmtpReceiver({ db: ctx.db, config: config.email.smtp, log: app.log, onStored: () => ctx.relay.kick() })
      : null;
  const fetcher = config.runWorkers ? new ImapFetcher(ctx.db, ctx.pool, deps, app.log) : null;
  let port: number | null = null;
  app.addHook("onReady", async () => {
    if (receiver) {
      port = await receiver.listen();
      app.log.info({ port }, "SMTP receiver listening");
    }
    fetcher?.start();
  });
  app.addHook("preClose", async () => {
    await receiver?.close();
    await fetcher?.stop();
  });
  return {
    smtpPort: () => port,
    inboxesChanged: () => void fetcher?.sync(),
  };
}
