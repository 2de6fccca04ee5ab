"use client";

import { useState } from "react";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { API_KEY_SCOPES, SCOPE_LABELS, type ApiKeyScope } from "@/lib/api-keys/scopes";

export type NewKey = { name: string; scopes: ApiKeyScope[]; expiresInDays: number | null };

const button = "inline-flex items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold shadow-sm";
const EXPIRY = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "365 days" },
  { value: "never", label: "Never" },
];

/**
 * Name, scopes and expiry of a new key. What was typed stays after a refusal (controlled fields); `onCreate`
 * answers the message to show, or null when it went on (created, or asking for a fresh proof first).
 */
export function CreateKeyForm({
  onCreate,
  onCancel,
}: {
  onCreate: (input: NewKey) => Promise<string | null>;
  onCancel: () => void;
}) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["posts:read"]);
  const [expiry, setExpiry] = useState("90");
  const [errors, setErrors] = useState<{ name?: string[]; scopes?: string[] }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      ...(name.trim() ? {} : { name: ["Give the key a name."] }),
      ...(scopes.length ? {} : { scopes: ["Choose at least one scope."] }),
    };
    setErrors(found);
    if (found.name || found.scopes) {
      const first = found.name ? "field-name" : `scope-${API_KEY_SCOPES[0]}`;
      document.getElementById(first)?.focus();
      return;
    }
    setPending(true);
    setMessage(
      await onCreate({ name: name.trim(), scopes, expiresInDays: expiry === "never" ? null : Number(expiry) }),
    );
    setPending(false);
  };

  const toggle = (scope: ApiKeyScope, on: boolean) => {
    setErrors((e) => ({ ...e, scopes: undefined }));
    setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="create-key-heading"
      className="space-y-4 rounded-xl border border-slate-200 p-4"
    >
      <h3 id="create-key-heading" className="text-base font-semibold text-slate-900">
        Create a key
      </h3>
      <FormMessage status={message ? "error" : "idle"} message={message ?? undefined} />
      <Field
        label="Name"
        name="name"
        value={name}
        maxLength={100}
        autoComplete="off"
        hint="What uses it, so you can tell keys apart."
        errors={errors.name}
        onChange={(e) => {
          setName(e.target.value);
          setErrors((x) => ({ ...x, name: undefined }));
        }}
      />
      <fieldset className="space-y-2" aria-describedby={errors.scopes ? "scopes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Scopes</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
            <input
              id={`scope-${scope}`}
              type="checkbox"
              className="mt-0.5 size-4"
              checked={scopes.includes(scope)}
              onChange={(e) => toggle(scope, e.target.checked)}
            />
            <span>
              <code className="text-slate-900">{scope}</code> — {SCOPE_LABELS[scope]}
            </span>
          </label>
        ))}
        {errors.scopes && (
          <p id="scopes-error" className="text-sm text-red-700">
            {errors.scopes[0]}
          </p>
        )}
      </fieldset>
      <div className="space-y-1.5">
        <label htmlFor="field-expiry" className="block text-sm font-medium text-slate-800">
          Expires after
        </label>
        <select
          id="field-expiry"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          className={`${inputClass(false)} sm:w-48`}
        >
          {EXPIRY.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <p className="text-xs text-slate-600">
        A key never manages keys, sessions, your password, email, sign-in methods or the account itself.
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={onCancel}
          className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}
        >
          Cancel
        </button>
        <button
          type="submit"
          disabled={pending}
          className={`${button} bg-brand-600 text-white hover:bg-brand-700 disabled:opacity-60`}
        >
          {pending ? "Creating…" : "Create key"}
        </button>
      </div>
    </form>
  );
}
