"use client";

import { useEffect, useRef, useState } from "react";

function initials(name: string) {
  const parts = name
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[1]![0]] : [name[0], name[1]];
  return letters.filter(Boolean).join("").toUpperCase();
}

/**
 * The person's picture, or their initials when there is no URL or the image fails to load. It never
 * shrinks (`shrink-0`): beside a long text in a flex row it kept its height and lost width, an oval.
 * `decorative` hides it from screen readers where the name is said next to it anyway (the account menu).
 */
export function Avatar({
  url,
  name,
  size = 64,
  decorative = false,
}: {
  url: string | null;
  name: string;
  size?: number;
  decorative?: boolean;
}) {
  const [failed, setFailed] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  // An image that failed before hydration never fires onError for React: check once on mount.
  useEffect(() => {
    const el = img.current;
    if (el && el.complete && el.naturalWidth === 0) setFailed(true);
  }, [url]);
  const style = { width: size, height: size };
  const label = `Avatar of ${name}`;
  if (url && !failed) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- any host the person chose; no image optimiser
      <img
        ref={img}
        src={url}
        alt={decorative ? "" : label}
        style={style}
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
        className="shrink-0 rounded-full border border-slate-200 bg-slate-100 object-cover"
      />
    );
  }
  return (
    <span
      {...(decorative ? { "aria-hidden": true } : { role: "img", "aria-label": label })}
      style={{ ...style, fontSize: size / 2.6 }}
      className="inline-flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700"
    >
      {initials(name)}
    </span>
  );
}
