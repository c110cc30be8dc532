import fs from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}; .ci/run installs it`);
  console.warn(`[browser] SKIPPED: needs Debian chromium at ${CHROMIUM} (apt-get install chromium)`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh context (own cookies) whose pages record every alert/confirm/prompt into `dialogs`. */
export async function newPage(
  browser: Browser,
  dialogs: string[],
  viewport = { width: 1440, height: 900 },
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { ctx, page };
}

/** RAPPORT_SHOTS=/tmp/rapport-shots saves screenshots for a person to look at; without it, nothing is written. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.RAPPORT_SHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** The id of the element that has the keyboard focus, by its data-testid. */
export const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
