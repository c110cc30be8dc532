import { useId } from "react";

export function Field(props: {
  label: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete?: string;
  autoFocus?: boolean;
  required?: boolean;
  minLength?: number;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? "text"}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        // biome-ignore lint/a11y/noAutofocus: the first field of a sign-in form is where everyone starts
        autoFocus={props.autoFocus}
        required={props.required ?? true}
        minLength={props.minLength}
      />
    </div>
  );
}
