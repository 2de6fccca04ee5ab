"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A header link that marks itself when it is the page shown (aria-current="page", and for sight). */
export function HeaderLink({
  href,
  className,
  currentClassName,
  children,
}: {
  href: string;
  className: string;
  currentClassName: string;
  children: React.ReactNode;
}) {
  const current = usePathname() === href;
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`${className} ${current ? currentClassName : ""}`}
    >
      {children}
    </Link>
  );
}
