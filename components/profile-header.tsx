import { Avatar } from "./avatar";

/** Avatar, name and @username at the top of a profile; `children` go under the username. */
export function ProfileHeader({
  avatarUrl,
  name,
  username,
  size,
  children,
}: {
  avatarUrl: string | null;
  name: string;
  username: string;
  size: number;
  children?: React.ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-4 text-center sm:flex-row sm:items-start sm:text-left">
      <Avatar url={avatarUrl} name={name} size={size} />
      <div className="max-w-full min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{name}</h1>
        <p className="break-words text-slate-600">@{username}</p>
        {children}
      </div>
    </div>
  );
}
