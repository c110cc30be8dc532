import { useState } from "react";
import type { Me } from "../../../shared/schemas";
import { api } from "../../api/client";
import { Field } from "../../components/Field";
import { AuthCard } from "./AuthCard";
import { useSubmit } from "./useSubmit";

export function SignIn({ onDone }: { onDone: (me: Me) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, submit } = useSubmit(async () => onDone(await api.login({ email: email.trim(), password })), "Sign-in failed");
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Your customers are waiting."
      error={error}
      busy={busy}
      submit="Sign in"
      onSubmit={submit}
    >
      <Field label="Email" type="email" value={email} onChange={setEmail} autoComplete="username" autoFocus />
      <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
    </AuthCard>
  );
}
