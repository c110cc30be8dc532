import type { FormEvent, ReactNode } from "react";

/** The frame of the sign-in, setup and invite screens. */
export function AuthCard(props: {
  title: string;
  subtitle?: string;
  error: string | null;
  busy: boolean;
  submit: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <main className="center-screen auth">
      <form className="card auth-card" onSubmit={submit} aria-busy={props.busy}>
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">R</span> Rapport
        </div>
        <h1>{props.title}</h1>
        {props.subtitle && <p className="muted">{props.subtitle}</p>}
        {props.children}
        {props.error && (
          <p className="form-error" role="alert">
            {props.error}
          </p>
        )}
        <button type="submit" className="btn primary wide" disabled={props.busy}>
          {props.busy ? "Please wait…" : props.submit}
        </button>
      </form>
    </main>
  );
}
