import { useState } from "react";
import type { Me } from "../../../shared/schemas";
import { api } from "../../api/client";
import { navigate } from "../../app/router";
import { Field } from "../../components/Field";
import { AuthCard } from "./AuthCard";
import { useSubmit } from "./useSubmit";

export function AcceptInvite({ token, onDone }: { token: string; onDone: (me: Me) => void }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, submit } = useSubmit(async () => {
    const me = await api.acceptInvite({ token, password, ...(name.trim() ? { name: name.trim() } : {}) });
    navigate("/", true);
    onDone(me);
  }, "Could not accept the invite");
  return (
    <AuthCard
      title="Join your team"
      subtitle="Choose a password to finish setting up your account."
      error={error}
      busy={busy}
      submit="Join"
      onSubmit={submit}
    >
      <Field label="Your name (optional)" value={name} onChange={setName} autoComplete="name" required={false} autoFocus />
      <Field
        label="Password (8+ characters)"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        minLength={8}
      />
    </AuthCard>
  );
}
