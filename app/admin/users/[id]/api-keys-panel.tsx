import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { listApiKeys } from "@/lib/api-keys/list";

/** The console's view of an account's API keys (metadata only: name, prefix, scopes, dates). */
export async function ApiKeysPanel({ userId }: { userId: string }) {
  const keys = await listApiKeys(userId);
  return (
    <Panel title="API keys" description="Keys this account made for its programs, newest first.">
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">No API keys.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {keys.map((k) => (
            <li key={k.id} className="space-y-0.5 py-3 text-sm">
              <p className="font-medium break-words text-slate-900">
                {k.name} <code className="text-xs text-slate-700">{k.prefix}…</code>
              </p>
              <p className="text-slate-700">{k.scopes.join(", ")}</p>
              <p className="text-slate-600">
                <Time at={k.createdAt} prefix="Created " /> ·{" "}
                {k.lastUsedAt ? <Time at={k.lastUsedAt} prefix="last used " /> : "never used"} ·{" "}
                {k.expiresAt ? <Time at={k.expiresAt} prefix="expires " /> : "never expires"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
