import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveChromium, launch, newPage } from "./browser";
import { PASSWORD } from "../factories";
import { listeningUrl } from "../helpers/app";
import { startEmailApp } from "../helpers/email";

/** The inbox form in the workspace offers what the API does: here, moving fetched mail to a folder. */
describe.runIf(haveChromium)("the email inbox form in the workspace", { timeout: 90_000 }, () => {
  let t: Awaited<ReturnType<typeof startEmailApp>>;
  let browser: Browser;
  const dialogs: string[] = [];

  beforeAll(async () => {
    t = await startEmailApp({}, { listen: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const imapOf = async (address: string) => {
    const list = (await t.as(t.a.admin, { method: "GET", url: "/api/v1/inboxes" })).json().items as {
      address?: string;
      imap?: { folder: string; moveTo: string | null } | null;
    }[];
    return list.find((i) => i.address === address)?.imap;
  };

  it("sets, shows, keeps and clears the folder fetched mail moves to", async () => {
    const { ctx, page } = await newPage(browser, dialogs);
    await page.goto(listeningUrl(t.app));
    await page.getByLabel("Email").fill(t.a.admin.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await page.getByTestId("nav-settings-inboxes").click();
    await page.getByRole("button", { name: "Add an email inbox" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Fetched");
    await page.getByLabel("Address", { exact: true }).fill("fetched@acme.test");
    await page.getByTestId("use-imap").check();
    await page.getByLabel("Server", { exact: true }).fill("127.0.0.1");
    await page.getByLabel("Port", { exact: true }).fill("1");
    await page.getByLabel("Security", { exact: true }).selectOption("none");
    await page.getByLabel("User name", { exact: true }).fill("support");
    await page.getByLabel("Password or app password").fill("secret");
    await page.getByLabel("After import, move to folder").fill("Imported");
    await page.getByRole("button", { name: "Add inbox" }).click();
    const card = page.locator('[data-testid="inbox-card"]', { hasText: "fetched@acme.test" });
    await card.getByTestId("imap-move-to").waitFor();
    expect(await card.getByTestId("imap-move-to").textContent()).toContain("Imported");
    expect(await imapOf("fetched@acme.test")).toMatchObject({ folder: "INBOX", moveTo: "Imported" });

    // Saving other changes keeps it; emptying the field turns it off.
    await card.getByRole("button", { name: "Change" }).click();
    expect(await page.getByLabel("After import, move to folder").inputValue()).toBe("Imported");
    await page.getByLabel("Signature", { exact: true }).fill("Fetched team");
    await page.getByRole("button", { name: "Save changes" }).click();
    await card.getByTestId("imap-move-to").waitFor();
    expect(await imapOf("fetched@acme.test")).toMatchObject({ moveTo: "Imported" });
    await card.getByRole("button", { name: "Change" }).click();
    await page.getByLabel("After import, move to folder").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await card.getByTestId("imap-move-to").waitFor({ state: "detached" });
    expect(await imapOf("fetched@acme.test")).toMatchObject({ moveTo: null });
    expect(dialogs).toEqual([]);
    await ctx.close();
  });
});
