import Link from "next/link";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-md text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-3 text-slate-600">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-700 hover:underline">
        Back to the start
      </Link>
    </section>
  );
}
