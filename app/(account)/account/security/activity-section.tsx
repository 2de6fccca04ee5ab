import Link from "next/link";
import { listEvents } from "@/lib/security/events";
import { ActivityList } from "./activity-list";
import { toActivityItem } from "./activity-item";
import { SecuritySection } from "./section";

/** The account's security activity: the last 20 events, then "Load more". */
export async function ActivitySection({ userId }: { userId: string }) {
  const page = await listEvents(userId, { limit: 20 });
  if (!page.ok) throw new Error("listing events failed");
  return (
    <SecuritySection
      id="activity-heading"
      title="Activity"
      description={
        <>
          Sign-ins, sign-outs and other security events on your account. Anything you do not recognise?{" "}
          <Link href="/account/security/password" className="font-medium text-brand-700 underline">
            Change your password
          </Link>
          .
        </>
      }
    >
      <ActivityList
        initialItems={page.value.events.map((e) => toActivityItem(e))}
        initialCursor={page.value.nextCursor}
      />
    </SecuritySection>
  );
}
