import { z } from "zod";
import { Id, IsoDate, UserRef } from "./common";

export const Notification = z
  .object({
    id: Id,
    type: z.enum(["mention", "assigned", "article.verify_due", "follow_up.due"]),
    conversationId: Id.nullable(),
    conversationNumber: z.number().int().nullable(),
    messageId: Id.nullable(),
    /** article.verify_due: the article to re-verify (its title is the excerpt). */
    articleId: Id.nullable(),
    actor: UserRef.nullable(),
    excerpt: z.string().nullable(),
    readAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof Notification>;
