import type { ReactNode } from "react";

const TONES = {
  brand: "bg-brand-50 text-brand-700 ring-brand-100",
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
} as const;

/** A small rounded label: a role, a status, "This is you". */
export function Badge({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

export const RoleBadge = ({ role }: { role: "user" | "admin" }) =>
  role === "admin" ? <Badge tone="brand">Admin</Badge> : <Badge tone="neutral">User</Badge>;

export const StatusBadge = ({ disabled }: { disabled: boolean }) =>
  disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>;

export const EmailBadge = ({ verified }: { verified: boolean }) =>
  verified ? <Badge tone="neutral">Verified</Badge> : <Badge tone="amber">Not verified</Badge>;

export const YouBadge = () => <Badge tone="brand">This is you</Badge>;
