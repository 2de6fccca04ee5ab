// Stands in for the "server-only" guard under vitest, which is not a React Server Components bundle.
export {};
