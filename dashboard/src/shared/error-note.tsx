/** An error said in words, announced to screen readers. */
export function ErrorNote({ error }: { error: string | undefined }) {
  return error === undefined ? null : (
    <p class="error" role="alert">
      {error}
    </p>
  );
}
