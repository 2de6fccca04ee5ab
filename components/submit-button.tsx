"use client";

import { useFormStatus } from "react-dom";

/** A submit button that says it is working while its form's action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
}: {
  children: React.ReactNode;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const { pending } = useFormStatus();
  const look = {
    primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-500/70",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
    danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-500/70",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex w-full items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold whitespace-nowrap shadow-sm transition disabled:cursor-wait sm:w-auto ${look}`}
    >
      {pending && (
        <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />
      )}
      {pending ? pendingLabel : children}
    </button>
  );
}
