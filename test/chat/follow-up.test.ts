import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, startSmtpSink, waitFor } from "../helpers/email";
import { type ChatTestApp, clientId, startChatApp } from "./helpers";

let t: ChatTestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let inboxId: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startChatApp({
    RAPPORT_CHAT_FOLLOW_UP_SECONDS: "2",
    RAPPORT_SMTP_PORT: "0",
    RAPPORT_SMTP_RELAY_URL: `smtp://127.0.0.1:${sink.port}`,
    RAPPORT_ALLOW_PRIVATE_HOSTS: "true",
  });
  const email = await t.as(t.a.admin, {
    method: "POST",
    url: "/api/v1/inboxes",
    payload: { channel: "email", name: "Acme Support", address: "support@acme.example" },
  });
  expect(email.statusCode).toBe(201);
  inboxId = (await t.chatInbox(t.a.admin, {}, "Acme chat")).id;
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const reply = (conversationId: string, text: string) =>
  t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { kind: "reply", text } });

describe("when the visitor has left, the conversation continues by email", () => {
  it("emails a reply the visitor did not read, through the email inbox, and threads their answer back", async () => {
    const v = await t.visitor(inboxId);
    const conversationId = (await t.send(v.token, { clientId: clientId(), text: "Can I return a kettle after 40 days?" })).json()
      .conversation.id;
    const bad = await t.widget(v.token, {
      method: "POST",
      url: `/api/v1/widget/conversations/${conversationId}/follow-up`,
      payload: { email: "nope" },
    });
    expect(bad.json().error.field).toBe("body.email");
    const saved = await t.widget(v.token, {
      method: "POST",
      url: `/api/v1/widget/conversations/${conversationId}/follow-up`,
      payload: { email: "Ola@Example.com" },
    });
    expect(saved.json().followUpEmail).toBe("ola@example.com");

    await reply(conversationId, "Yes, within 60 days with the receipt.");
    const mail = await waitFor(
      async () => sink.received.find((m) => m.envelope.to.includes("ola@example.com")),
      15_000,
      "the follow-up mail",
    );
    expect(mail.mail.text).toContain("Yes, within 60 days with the receipt.");
    expect(mail.mail.from?.value[0].address).toBe("support@acme.example");
    expect(mail.mail.subject).toContain("Your chat with Acme chat");
    const replyTo = mail.mail.replyTo?.value[0].address ?? "";
    expect(replyTo).toMatch(/^support\+r[a-z2-7]{16}@acme\.example$/);

    // Read in the widget before the delay is up: no mail.
    await reply(conversationId, "Anything else I can help with?");
    await t.widget(v.token, { method: "POST", url: `/api/v1/widget/conversations/${conversationId}/read` });
    await new Promise((r) => setTimeout(r, 3500));
    expect(sink.received.filter((m) => m.envelope.to.includes("ola@example.com"))).toHaveLength(1);

    // The visitor answers the mail: it lands in the same chat conversation.
    await sendMail(t.app.ctx.email!.smtpPort()!, {
      from: "ola@example.com",
      to: replyTo,
      subject: `Re: ${mail.mail.subject}`,
      text: "Great, I'll bring it on Monday.",
      inReplyTo: mail.mail.messageId,
    });
    const texts = await waitFor(
      async () => {
        const items = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json().items as {
          text: string;
        }[];
        return items.some((m) => m.text.includes("bring it on Monday")) ? items.map((m) => m.text) : null;
      },
      15_000,
      "the emailed answer",
    );
    expect(texts[0]).toBe("Can I return a kettle after 40 days?");
    const events = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/events` })).json().items;
    expect(events.filter((e: { type: string }) => e.type === "chat.followed_up_by_email")).toHaveLength(1);
  }, 40_000);
});
