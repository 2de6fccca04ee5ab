import Link from "next/link";
import { Card } from "@/components/card";
import { LinkButton } from "@/components/link-button";

/**
 * What a reset, verification or unlock page shows when its link is unknown, used or expired, decided when
 * the page opens (so nobody types a new password into a dead form). A used link cannot be told from an
 * expired one (spending deletes it), and there is no reason to: either way the next step is a new link.
 * `action` is that one primary step; by default a link to `href` labelled "Send me a new link".
 */
export function LinkExpired({
  children,
  href = "/forgot-password",
  action,
}: {
  children: React.ReactNode;
  href?: string;
  action?: React.ReactNode;
}) {
  return (
    <Card title="This link has expired">
      <div className="space-y-4 text-sm text-slate-700">{children}</div>
      <div className="mt-6 flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
        <Link href="/sign-in" className="inline-block py-2 text-sm font-medium text-brand-700 hover:underline">
          Back to sign in
        </Link>
        {action ?? <LinkButton href={href}>Send me a new link</LinkButton>}
      </div>
    </Card>
  );
}
