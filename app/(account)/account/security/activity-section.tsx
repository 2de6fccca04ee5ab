import { listEvents } from "@/lib/security/events";
import { ActivityList } from "./activity-list";
import { toActivityItem } from "./activity-item";

/** Recent security activity on the account: the last 20 events, then "Load more". */
export async function ActivitySection({ userId }: { userId: string }) {
  const page = await listEvents(userId, { limit: 20 });
  if (!page.ok) throw new Error("listing events failed");
  return (
    <section aria-labelledby="activity-heading" className="mt-8 border-t border-slate-200 pt-6">
      <h2 id="activity-heading" className="text-lg font-semibold tracking-tight text-slate-900">
        Recent activity
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Sign-ins, sign-outs and other security events on your account. Anything you do not recognise? Change your
        password.
      </p>
      <ActivityList
        initialItems={page.value.events.map((e) => toActivityItem(e))}
        initialCursor={page.value.nextCursor}
      />
    </section>
  );
}
