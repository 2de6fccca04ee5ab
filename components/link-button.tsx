import Link from "next/link";

const LOOK = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
} as const;

/**
 * A link that looks like a button: the one primary (or secondary) next step of a page whose next step is
 * another page ("Send me a new link" → /forgot-password). The same shape as BusyButton, so a page's
 * primary action looks alike whether it posts a form or goes somewhere.
 */
export function LinkButton({
  href,
  variant = "primary",
  className = "w-full sm:w-auto",
  children,
}: {
  href: string;
  variant?: keyof typeof LOOK;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Link
      href={href}
      className={`inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold whitespace-nowrap shadow-sm transition ${LOOK[variant]} ${className}`}
    >
      {children}
    </Link>
  );
}
