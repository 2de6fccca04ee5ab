import Link from "next/link";
import { Avatar } from "./avatar";

/** An account as a list shows it: its public part. */
export type PersonItem = { username: string; displayName: string | null; avatarUrl: string | null };

/** A list of accounts (followers, following, suggestions), each a link to its profile; `extra` adds a line. */
export function PeopleList({ people, extra }: { people: PersonItem[]; extra?: (person: PersonItem) => string }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white shadow-sm">
      {people.map((person) => {
        const name = person.displayName ?? person.username;
        return (
          <li key={person.username}>
            <Link
              href={`/u/${encodeURIComponent(person.username)}`}
              className="flex min-w-0 items-center gap-3 px-4 py-3 hover:bg-slate-50 sm:px-5"
            >
              <Avatar url={person.avatarUrl} name={name} size={40} />
              <span className="min-w-0">
                <span className="block truncate font-medium text-slate-900">{name}</span>
                <span className="block truncate text-sm text-slate-600">
                  @{person.username}
                  {extra ? ` · ${extra(person)}` : ""}
                </span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
