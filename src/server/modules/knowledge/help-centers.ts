import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { slugify } from "./text";

export type HelpCenterSettings = { primaryColor?: string; phone?: string | null; chatInboxId?: string | null };

export type HelpCenterRow = {
  accountId: string;
  slug: string;
  customDomain: string | null;
  title: string;
  defaultLocale: string;
  locales: string[];
  settings: HelpCenterSettings;
};

export const DEFAULT_COLOR = "#1f6feb";

const COLUMNS = sql`account_id, slug, custom_domain, title, default_locale, locales, settings`;

function toRow(r: Record<string, unknown>): HelpCenterRow {
  return {
    accountId: r.account_id as string,
    slug: r.slug as string,
    customDomain: (r.custom_domain as string | null) ?? null,
    title: r.title as string,
    defaultLocale: r.default_locale as string,
    locales: r.locales as string[],
    settings: (r.settings as HelpCenterSettings) ?? {},
  };
}

export async function getHelpCenter(db: DbOrTx, accountId: string): Promise<HelpCenterRow | null> {
  const res = await db.execute(sql`SELECT ${COLUMNS} FROM help_centers WHERE account_id = ${accountId}`);
  return res.rows[0] ? toRow(res.rows[0] as Record<string, unknown>) : null;
}

export async function helpCenterBySlug(db: DbOrTx, slug: string): Promise<HelpCenterRow | null> {
  const res = await db.execute(sql`SELECT ${COLUMNS} FROM help_centers WHERE slug = ${slug}`);
  return res.rows[0] ? toRow(res.rows[0] as Record<string, unknown>) : null;
}

export async function helpCenterByDomain(db: DbOrTx, host: string): Promise<HelpCenterRow | null> {
  const res = await db.execute(sql`SELECT ${COLUMNS} FROM help_centers WHERE custom_domain = ${host.toLowerCase()}`);
  return res.rows[0] ? toRow(res.rows[0] as Record<string, unknown>) : null;
}

/**
 * An account's help center, made on first use: titled and slugged after the account (acme, acme-2, … when
 * taken), in the account's language. Concurrent first uses settle on one row.
 */
export async function ensureHelpCenter(db: DbOrTx, accountId: string): Promise<HelpCenterRow> {
  const existing = await getHelpCenter(db, accountId);
  if (existing) return existing;
  const acc = await db.execute(sql`SELECT name, default_language FROM accounts WHERE id = ${accountId}`);
  const account = acc.rows[0] as { name: string; default_language: string } | undefined;
  if (!account) throw new Error(`no account ${accountId}`);
  const base = slugify(account.name, "help");
  const locale = /^[a-z]{2}$/.test(account.default_language) ? account.default_language : "en";
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    await db.execute(sql`
      INSERT INTO help_centers (account_id, slug, title, default_locale, locales)
      VALUES (${accountId}, ${slug}, ${account.name}, ${locale}, ${sql.param([locale])}::text[])
      ON CONFLICT DO NOTHING`);
    const row = await getHelpCenter(db, accountId);
    if (row) return row;
  }
  throw new Error("no free help-center slug");
}

/** Where the help center lives: its custom domain, or /help/<slug> on this server. */
export function helpCenterBase(hc: Pick<HelpCenterRow, "slug" | "customDomain">, publicBase: string): string {
  return hc.customDomain ? `https://${hc.customDomain}` : `${publicBase}/help/${hc.slug}`;
}
