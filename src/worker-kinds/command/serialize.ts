/** Runs the tasks given to it one at a time, in the order given. */
export type Serializer = <T>(task: () => Promise<T>) => Promise<T>;

/** A serializer: each task starts once the one before it has ended, however it ended. */
export function createSerializer(): Serializer {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
