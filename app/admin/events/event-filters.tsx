import Link from "next/link";
import { inputClass } from "@/components/field";
import { EVENT_LABELS } from "@/lib/security/event-labels";
import type { EventType } from "@/lib/security/events";

/** The select's groups: the trail's types by what they concern, each by its words. */
const GROUPS: [string, (type: string) => boolean][] = [
  ["Signing in", (t) => t.startsWith("sign_in.") || t === "signed_out" || t === "rate_limit.hit"],
  ["Sessions", (t) => t.startsWith("session.")],
  ["Password and email", (t) => /^(password|email_change|reauth)\./.test(t)],
  ["Two-factor", (t) => t.startsWith("mfa.")],
  ["Passkeys", (t) => t.startsWith("passkey.")],
  ["Administrators", (t) => t.startsWith("admin.") || t === "post.removed_by_admin"],
  ["Account", (t) => t.startsWith("account.")],
];
const TYPES = Object.keys(EVENT_LABELS) as EventType[];

/** The events page's GET form: an event type (a select, in words) and a username. */
export function EventFilters({ type, username, ignored }: { type?: string; username?: string; ignored: boolean }) {
  const filtered = Boolean(type || username);
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter events"
      className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_1fr_auto] sm:items-end sm:p-6"
    >
      <div className="space-y-1.5">
        <label htmlFor="filter-type" className="block text-sm font-medium text-slate-800">
          Event type
        </label>
        <select id="filter-type" name="type" defaultValue={type ?? ""} className={inputClass(false)}>
          <option value="">All events</option>
          {GROUPS.map(([group, holds]) => (
            <optgroup key={group} label={group}>
              {TYPES.filter(holds).map((t) => (
                <option key={t} value={t}>
                  {EVENT_LABELS[t].replace("your post", "a post")}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="filter-username" className="block text-sm font-medium text-slate-800">
          Username
        </label>
        <input
          id="filter-username"
          name="username"
          type="search"
          defaultValue={username ?? ""}
          autoComplete="off"
          spellCheck={false}
          placeholder="@username"
          className={inputClass(false)}
        />
      </div>
      <div className="flex items-center gap-3">
        {filtered && (
          <Link
            href="/admin/events"
            className="inline-flex min-h-11 items-center px-1 text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            Clear
          </Link>
        )}
        <button
          type="submit"
          className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 sm:w-auto"
        >
          Filter
        </button>
      </div>
      {ignored && (
        <p role="status" className="text-sm text-red-700 sm:col-span-3">
          Some filters were not understood and were ignored.
        </p>
      )}
    </form>
  );
}
