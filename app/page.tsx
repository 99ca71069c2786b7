import { AuthForm } from "./_components/auth-form";
import { InviteIntro } from "./invite/[token]/invite-intro";
import { inviteTokenOf } from "./invite/[token]/invite-words";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const back = typeof next === "string" ? next : undefined;
  // Sent here by an invite link: say what it offers before asking who they are.
  const invite = inviteTokenOf(back);
  return (
    <main className="centered stack">
      <div>
        <h1 className="brand">
          Tan<span>dem</span>
        </h1>
        <p className="status">Compose together, people and models, in one piano roll.</p>
      </div>
      {invite && <InviteIntro token={invite} withProblem />}
      <AuthForm next={back} />
    </main>
  );
}
