import { Badge } from "../badges";

/** On, off by an administrator, or off by the system (410 Gone, failing for a day). */
export function WebhookStatus({ enabled, reason }: { enabled: boolean; reason: string | null }) {
  if (enabled) return <Badge tone="green">Enabled</Badge>;
  return <Badge tone={reason ? "red" : "neutral"}>{reason ? "Disabled by the system" : "Disabled"}</Badge>;
}
