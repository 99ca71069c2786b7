import { AuthForm } from "./_components/auth-form";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <main className="centered stack">
      <div>
        <div className="brand">
          Tan<span>dem</span>
        </div>
        <p className="status">Compose together, people and models, in one piano roll.</p>
      </div>
      <AuthForm next={typeof next === "string" ? next : undefined} />
    </main>
  );
}
