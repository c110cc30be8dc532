import { sql } from "drizzle-orm";
import type { IdentifyInput, VisitorSession } from "../../../shared/schemas";
import type { Tx } from "../../db/client";
import type { CryptoBox } from "../../lib/crypto-box";
import { AppError } from "../../lib/errors";
import { normalizeIdentity } from "../../modules/customers/identities";
import { type ChatInboxRow, type VisitorRow, createVisitor, verifyIdentityHmac, visitorById } from "./visitors";

/**
 * The site tells who its signed-in user is (`Rapport.identify({id, email, name}, hmac)`). With a valid HMAC
 * of the id the visitor joins the customer holding that external id (their history across channels and
 * devices). Without one the name and email are kept as the visitor's own claim: they never merge into an
 * existing customer and never unlock history; an inbox in enforcement mode refuses them.
 *
 * The HMAC covers the id only, so only the id finds a customer: an email is attached to that customer when
 * nobody else holds it, never used to find one. A browser whose visitor already carries another identity
 * gets a new visitor (and token), so one person's history never passes to the next on a shared computer.
 */
export async function identifyVisitor(opts: {
  tx: Tx;
  box: CryptoBox;
  inbox: ChatInboxRow;
  visitor: VisitorRow;
  input: IdentifyInput;
}): Promise<{ visitor: VisitorRow; session: VisitorSession | null }> {
  const { tx, inbox, input } = opts;
  const externalId = normalizeIdentity("external", input.user.id, "body.user.id");
  const email = input.user.email ? normalizeIdentity("email", input.user.email, "body.user.email") : null;
  const name = input.user.name?.trim() || null;
  const verified = verifyIdentityHmac(opts.box, inbox, externalId, input.hmac);
  if (!verified && inbox.settings.requireVerifiedIdentity) {
    throw new AppError(
      403,
      "identity_not_verified",
      input.hmac
        ? "The identity's HMAC does not match: compute hex HMAC-SHA256 of the user id with this inbox's identity secret"
        : "This chat only accepts verified identities: pass the hex HMAC-SHA256 of the user id, computed with the inbox's identity secret",
    );
  }

  let visitor = opts.visitor;
  let session: VisitorSession | null = null;
  const sameIdentity = visitor.external_id === externalId && visitor.verified === verified;
  if (visitor.external_id && !sameIdentity) {
    session = await createVisitor(tx, inbox);
    visitor = (await visitorById(tx, session.visitorId))!;
  }

  let customerId = visitor.customer_id;
  if (verified) customerId = await customerForExternalId(tx, inbox.account_id, externalId, name, email);
  else if (customerId) {
    // The visitor's own customer (never another's) learns the claimed name; the email stays a claim.
    await tx.execute(sql`
      UPDATE customers SET name = coalesce(${name}, name),
        attributes = CASE WHEN ${email}::text IS NULL THEN attributes ELSE attributes || jsonb_build_object('unverifiedEmail', ${email}::text) END,
        updated_at = now()
      WHERE id = ${customerId}`);
  }
  const res = await tx.execute(sql`
    UPDATE chat_visitors SET external_id = ${externalId}, verified = ${verified}, customer_id = ${customerId},
      name = coalesce(${name}, name), email = coalesce(${email}, email), last_seen_at = now()
    WHERE id = ${visitor.id}
    RETURNING id, account_id, inbox_id, customer_id, external_id, verified, name, email`);
  return { visitor: res.rows[0] as VisitorRow, session };
}

/** The customer holding this external id, made when there is none; the email is added only if it is free. */
async function customerForExternalId(tx: Tx, accountId: string, externalId: string, name: string | null, email: string | null) {
  const find = async () =>
    (
      (
        await tx.execute(sql`
          SELECT customer_id FROM customer_identities WHERE account_id = ${accountId} AND kind = 'external' AND value = ${externalId}`)
      ).rows[0] as { customer_id: string } | undefined
    )?.customer_id;
  let customerId = await find();
  if (!customerId) {
    const ins = await tx.execute(sql`INSERT INTO customers (account_id, name) VALUES (${accountId}, ${name}) RETURNING id`);
    const created = (ins.rows[0] as { id: string }).id;
    const claimed = await tx.execute(sql`
      INSERT INTO customer_identities (account_id, customer_id, kind, value) VALUES (${accountId}, ${created}, 'external', ${externalId})
      ON CONFLICT (account_id, kind, value) DO NOTHING RETURNING id`);
    if (claimed.rows.length) customerId = created;
    else {
      // A concurrent identify created the customer first: use it.
      await tx.execute(sql`DELETE FROM customers WHERE id = ${created}`);
      customerId = (await find())!;
    }
  } else if (name) {
    await tx.execute(sql`UPDATE customers SET name = ${name}, updated_at = now() WHERE id = ${customerId} AND name IS NULL`);
  }
  if (email) {
    await tx.execute(sql`
      INSERT INTO customer_identities (account_id, customer_id, kind, value) VALUES (${accountId}, ${customerId}, 'email', ${email})
      ON CONFLICT (account_id, kind, value) DO NOTHING`);
  }
  return customerId;
}
