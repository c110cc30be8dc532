import { useState } from "react";
import type { Me } from "../../../shared/schemas";
import { api } from "../../api/client";
import { Field } from "../../components/Field";
import { AuthCard } from "./AuthCard";
import { useSubmit } from "./useSubmit";

/** One-time setup: shown only while Rapport has no users. */
export function Setup({ onDone }: { onDone: (me: Me) => void }) {
  const [f, setF] = useState({ accountName: "", name: "", email: "", password: "" });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const { busy, error, submit } = useSubmit(async () => onDone(await api.runSetup(f)), "Setup failed");
  return (
    <AuthCard
      title="Set up Rapport"
      subtitle="Create your company's account and your owner login. This screen appears only once."
      error={error}
      busy={busy}
      submit="Create account"
      onSubmit={submit}
    >
      <Field label="Company name" value={f.accountName} onChange={set("accountName")} autoFocus />
      <Field label="Your name" value={f.name} onChange={set("name")} autoComplete="name" />
      <Field label="Email" type="email" value={f.email} onChange={set("email")} autoComplete="username" />
      <Field
        label="Password (8+ characters)"
        type="password"
        value={f.password}
        onChange={set("password")}
        autoComplete="new-password"
        minLength={8}
      />
    </AuthCard>
  );
}
