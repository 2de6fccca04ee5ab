import { LinkButton } from "./link-button";

/** The one look of a 404 page: what was not found, why that may be, and one way on. */
export function NotFoundPage({
  eyebrow = "404",
  title,
  children,
  href = "/",
  action = "Back to the start",
}: {
  eyebrow?: string;
  title: React.ReactNode;
  children: React.ReactNode;
  href?: string;
  action?: string;
}) {
  return (
    <section className="mx-auto max-w-md text-center">
      <p className="text-sm font-semibold text-brand-700">{eyebrow}</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight break-words text-slate-900">{title}</h1>
      <div className="mt-3 space-y-2 text-slate-600">{children}</div>
      <div className="mt-6">
        <LinkButton href={href}>{action}</LinkButton>
      </div>
    </section>
  );
}
