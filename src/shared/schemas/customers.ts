import { z } from "zod";
import { Id, IsoDate } from "./common";

export const IdentityKind = z.enum(["email", "phone", "chat", "external"]);
export const Identity = z.object({ kind: IdentityKind, value: z.string() }).meta({ id: "Identity" });
export type Identity = z.infer<typeof Identity>;

export const IdentityInput = z.strictObject({ kind: IdentityKind, value: z.string().trim().min(1).max(254) });

/** Free-form customer attributes (plan, order count, lifetime value…): flat JSON values, bounded in size. */
export const Attributes = z
  .record(
    z.string().min(1).max(64),
    z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
  )
  .refine((o) => Object.keys(o).length <= 100, "at most 100 attributes");

export const CustomerSummary = z
  .object({ id: Id, name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })
  .meta({ id: "CustomerSummary" });
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const Customer = z
  .object({
    id: Id,
    name: z.string().nullable(),
    identities: z.array(Identity),
    attributes: z.record(z.string(), z.unknown()),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: "Customer" });
export type Customer = z.infer<typeof Customer>;

export const CreateCustomerInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  externalId: z.string().optional(),
  identities: z.array(IdentityInput).max(20).optional(),
  attributes: Attributes.optional(),
});
export const UpdateCustomerInput = z.strictObject({
  name: z.string().trim().min(1).max(200).nullable().optional(),
  /** Replaces the identity list when given. */
  identities: z.array(IdentityInput).max(20).optional(),
  /** Merged into the attributes; a null value removes the key. */
  attributes: Attributes.optional(),
});
export const ListCustomersQuery = z.strictObject({
  q: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
