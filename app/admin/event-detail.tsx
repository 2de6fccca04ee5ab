import { PURPOSES, REASONS } from "@/lib/security/event-labels";

type DetailValue = string | number | boolean | null;

/** The console's names for an event's detail keys; a key not listed is shown with its words spaced out. */
const KEYS: Record<string, string> = {
  reason: "Reason",
  purpose: "For",
  method: "Method",
  kind: "Session",
  limit: "Limit",
  role: "New role",
  count: "Sessions ended",
  revokedSessions: "Sessions ended",
  others: "Other sessions",
  sent: "Mailed",
  name: "Passkey",
  title: "Post",
  postId: "Post id",
  via: "Through",
  left: "Codes left",
};
const VALUES: Record<string, Record<string, string>> = {
  reason: REASONS,
  purpose: PURPOSES,
  method: { password: "Password", passkey: "Passkey", recovery_code: "Recovery code", totp: "Authenticator code" },
  kind: { browser: "Browser", api: "API token" },
  role: { admin: "Administrator", user: "User" },
  via: { cli: "Command line", form: "Form", api: "API" },
};

const spaced = (key: string) => {
  const words = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_.]/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function valueText(key: string, value: DetailValue): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  const known = VALUES[key]?.[value];
  if (known) return known.charAt(0).toUpperCase() + known.slice(1);
  return key === "limit" ? value.replace(/_/g, " ") : value;
}

/** An event's detail as labelled values ("Reason: Wrong password"), or nothing when it has none. */
export function EventDetail({ detail }: { detail: Record<string, DetailValue> }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return null;
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
      {entries.map(([key, value]) => (
        <div key={key} className="flex min-w-0 gap-1">
          <dt className="text-slate-600">{KEYS[key] ?? spaced(key)}:</dt>
          <dd className="min-w-0 font-medium break-words text-slate-800">{valueText(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
