import { z } from "zod";
import { Id, IsoDate } from "./common";

export const Role = z.enum(["owner", "admin", "supervisor", "agent"]);
export type Role = z.infer<typeof Role>;

export const Email = z.email({ message: "must be an email address" }).max(254).transform((s) => s.toLowerCase());
export const Password = z.string().min(8, "must be at least 8 characters").max(200);
/** A person's name goes into mail headers (From): no control characters, so no header injection. */
export const PersonName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(120)
  .refine(
    (s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127),
    "must not contain line breaks or control characters",
  );

export const User = z
  .object({
    id: Id,
    name: z.string(),
    email: z.string(),
    role: Role,
    active: z.boolean(),
    invited: z.boolean(),
    teamIds: z.array(Id),
    createdAt: IsoDate,
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

export const CreateUserInput = z.strictObject({
  name: PersonName,
  email: Email,
  role: Role.default("agent"),
  /** Without a password the user is invited: the response carries a one-time invite link. */
  password: Password.optional(),
});
export const CreatedUser = User.extend({ inviteUrl: z.string().optional() });

export const Account = z.object({ id: Id, name: z.string(), defaultLanguage: z.string() }).meta({ id: "Account" });

export const Me = z
  .object({
    user: User,
    account: Account,
    csrfToken: z.string().nullable(),
    can: z.object({ manageUsers: z.boolean(), manageTeams: z.boolean(), manageTokens: z.boolean() }),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export const LoginInput = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export const SignupInput = z.strictObject({
  accountName: z.string().trim().min(1).max(120),
  name: PersonName,
  email: Email,
  password: Password,
});
export const SetupStatus = z.object({ needsSetup: z.boolean(), signupOpen: z.boolean() });
export const AcceptInviteInput = z.strictObject({ token: z.string().min(10).max(200), name: PersonName.optional(), password: Password });

export const ApiTokenInput = z.strictObject({ name: z.string().trim().min(1).max(80) });
export const ApiToken = z
  .object({ id: Id, name: z.string(), prefix: z.string(), createdAt: IsoDate, lastUsedAt: IsoDate.nullable() })
  .meta({ id: "ApiToken" });
export const CreatedApiToken = z.object({ id: Id, name: z.string(), token: z.string() });

export const Team = z
  .object({ id: Id, name: z.string(), memberIds: z.array(Id), createdAt: IsoDate })
  .meta({ id: "Team" });
export type Team = z.infer<typeof Team>;
export const CreateTeamInput = z.strictObject({ name: z.string().trim().min(1).max(80), memberIds: z.array(Id).max(500).optional() });
export const AddTeamMemberInput = z.strictObject({ userId: Id });
