"use client";

import { FormMessage } from "@/components/form-message";
import { useKeptForm } from "@/lib/forms/kept-form";
import type { FormState } from "@/lib/forms/state";

export type ProviderButton = { id: string; name: string };

/**
 * One button per identity provider ("Continue with {name}"), in one form whose action sends the browser to
 * the provider; the pressed button names the provider. `hidden` fields ride along (callbackUrl, returnTo).
 */
export function ProviderButtons({
  providers,
  action,
  hidden = {},
  label = (name) => `Continue with ${name}`,
}: {
  providers: ProviderButton[];
  action: (previous: FormState, form: FormData) => Promise<FormState>;
  hidden?: Record<string, string>;
  label?: (name: string) => string;
}) {
  const { state, pending, formProps } = useKeptForm(action);
  if (providers.length === 0) return null;
  return (
    <form {...formProps} className="space-y-3">
      {/* Only with something to say: the sign-in page's own form holds its one status region. */}
      {state.message && <FormMessage status={state.status} message={state.message} />}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {providers.map((p) => (
        <button
          key={p.id}
          type="submit"
          name="provider"
          value={p.id}
          disabled={pending}
          className="flex w-full items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
        >
          {label(p.name)}
        </button>
      ))}
    </form>
  );
}
