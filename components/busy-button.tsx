import type { ButtonHTMLAttributes, ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger";

const LOOK: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-500/70",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-500/70",
};

/**
 * A button that says it is working: while `busy` it is disabled, spins and shows `busyLabel`. The
 * one look of every button with a pending state (SubmitButton is this one driven by its form).
 * `className` adds layout (width, margins); the default is full width on phones, auto from `sm`. Its focus style
 * is the app's one outline (app/globals.css), drawn outside the button, where it contrasts with the surface.
 */
export function BusyButton({
  busy,
  busyLabel,
  variant = "primary",
  icon,
  className = "w-full sm:w-auto",
  children,
  type = "button",
  ...button
}: {
  busy: boolean;
  busyLabel: ReactNode;
  variant?: ButtonVariant;
  /** Shown before the label when not busy. */
  icon?: ReactNode;
  children: ReactNode;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children" | "disabled">) {
  return (
    <button
      type={type}
      disabled={busy}
      aria-disabled={busy}
      className={`inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold whitespace-nowrap shadow-sm transition disabled:cursor-wait ${LOOK[variant]} ${className}`}
      {...button}
    >
      {busy ? (
        <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />
      ) : (
        icon
      )}
      {busy ? busyLabel : children}
    </button>
  );
}
