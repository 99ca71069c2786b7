import { AcceptInvite } from "./accept-invite";
import { InviteIntro } from "./invite-intro";

export const metadata = { title: "Join a piece · Tandem" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="centered stack">
      <h1>You are invited</h1>
      <InviteIntro token={token} withProblem={false} />
      <AcceptInvite token={token} />
    </main>
  );
}
