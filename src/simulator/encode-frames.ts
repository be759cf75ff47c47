/**
 * A byte stream of the frames `frames` yields, pulled one at a time so pacing inside the
 * generator paces the response; cancelling it (the client left) ends the generator.
 */
export function encodeFrames(frames: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      for (;;) {
        const { value, done } = await frames.next();
        if (done) {
          controller.close();
          return;
        }
        if (value.length > 0) {
          controller.enqueue(encoder.encode(value));
          return;
        }
      }
    },
    async cancel() {
      await frames.return(undefined);
    },
  });
}
