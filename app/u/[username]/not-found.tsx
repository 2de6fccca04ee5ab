"use client";

import { usePathname } from "next/navigation";
import { NotFoundPage } from "@/components/not-found-page";

/** What could be a username (lib/users/schemas.ts): anything else is not repeated back. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/;

/** The name the address asked for, when it could be one; a not-found boundary is given no params. */
function askedFor(pathname: string): string | null {
  const segment = pathname.split("/")[2] ?? "";
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return USERNAME.test(name) ? name : null;
}

/** A profile nobody has: says whose, since a renamed or deleted account is the usual reason. */
export default function ProfileNotFound() {
  const name = askedFor(usePathname() ?? "");
  return (
    <NotFoundPage
      eyebrow="Profile not found"
      title={name ? `No one here goes by @${name}` : "No one here goes by that name"}
    >
      <p>The account may have changed its username, or been deleted. Check the spelling of the link.</p>
    </NotFoundPage>
  );
}
