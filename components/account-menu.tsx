"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { Avatar } from "./avatar";

type Person = { username: string; name: string; avatarUrl: string | null };

/**
 * The header's account menu: a disclosure button (aria-expanded, aria-controls) over a list of links,
 * not an ARIA `menu`, so links stay links for every reader. The keyboard: Enter or Space opens it, Down and
 * Up move between its entries, Escape closes it and gives focus back to the button; Tab past its end, a
 * click elsewhere or a new page closes it too. The entry of the current page is marked (aria-current).
 */
export function AccountMenu({
  person,
  admin,
  signOut,
}: {
  person: Person;
  admin: boolean;
  signOut: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();

  // A new page closes the menu (state adjusted while rendering: the documented alternative to an effect).
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const entries = () => [...(root.current?.querySelectorAll<HTMLElement>("[data-menu-entry]") ?? [])];
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && open) {
      event.preventDefault();
      const all = entries();
      const at = all.indexOf(document.activeElement as HTMLElement);
      const step = event.key === "ArrowDown" ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    } else if (event.key === "ArrowDown" && event.target === button.current) {
      event.preventDefault();
      setOpen(true);
      requestAnimationFrame(() => entries()[0]?.focus());
    }
  };

  const links = [
    { href: `/u/${person.username}`, label: "Your profile" },
    { href: "/account", label: "Account" },
    { href: "/account/security", label: "Security" },
    ...(admin ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  const item =
    "block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900";
  return (
    <div
      ref={root}
      className="relative min-w-0"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (open && !root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 max-w-full min-w-0 items-center gap-2 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
      >
        <Avatar url={person.avatarUrl} name={person.name} size={24} decorative />
        <span className="sr-only">Account menu for </span>
        {/* A long username is cut with an ellipsis rather than pushing the page wider than a phone. */}
        <span className="min-w-0 truncate">@{person.username}</span>
        <svg aria-hidden viewBox="0 0 20 20" className={`size-4 shrink-0 transition ${open ? "rotate-180" : ""}`}>
          <path d="M5 7.5l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
        </svg>
      </button>
      <div
        id={listId}
        hidden={!open}
        className="absolute right-0 z-20 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg"
      >
        <p className="border-b border-slate-200 px-3 pt-1.5 pb-2.5">
          <span className="block truncate text-sm font-semibold text-slate-900">{person.name}</span>
          <span className="block truncate text-xs text-slate-600">@{person.username}</span>
        </p>
        <ul className="py-1.5">
          {links.map((link) => {
            const current = pathname === link.href;
            return (
              <li key={link.href}>
                <Link
                  href={link.href}
                  data-menu-entry
                  aria-current={current ? "page" : undefined}
                  className={`${item} ${current ? "bg-brand-50 font-semibold text-brand-700" : ""}`}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <form action={signOut} className="border-t border-slate-200 pt-1.5">
          <SignOutEntry className={item} />
        </form>
      </div>
    </div>
  );
}

/** Sign-out is a POST (a form), never a link a prefetch or an image tag could trigger. */
function SignOutEntry({ className }: { className: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" data-menu-entry disabled={pending} aria-disabled={pending} className={className}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
