import { z } from "zod";

export const Id = z.uuid({ message: "must be a UUID" });
export const IsoDate = z.string().meta({ format: "date-time" });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParams = z.object({ id: Id });

/** Cursor pages: `nextCursor` is opaque; pass it back as `cursor` to get the next page. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Limit = z.coerce.number().int().min(1).max(100).default(25);

export const UserRef = z.object({ id: Id, name: z.string() }).meta({ id: "UserRef" });
export type UserRef = z.infer<typeof UserRef>;
