export default function Home() {
  return (
    <main>
      <h1>Partner API</h1>
      <p>
        This server only answers the iframe app. Try <a href="/api/health">/api/health</a>.
      </p>
    </main>
  );
}
