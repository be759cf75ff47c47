/**
 * A queue that takes turns between its owners (the passes sharing one key): first in, first out
 * within an owner, and next the owner served least recently. Two passes started together on one
 * key share its ceiling instead of the later one waiting for the first to finish, and a pass
 * arriving later gets a turn at once.
 */
export interface FairQueue<T> {
  readonly size: number;
  push(owner: string, item: T): void;
  /** The item whose turn it is. */
  peek(): T | undefined;
  /** Removes the item `peek` returned, and passes the turn on. */
  shift(): void;
  /** Removes an item wherever it is (a call given up while it waited). */
  remove(item: T): void;
}

// Owners remembered with nothing queued (so a pass that just had a turn does not get the next
// one too when its next call arrives); the least recently served are forgotten past this many.
const rememberedIdleOwners = 64;

/** Creates an empty queue. */
export function createFairQueue<T>(): FairQueue<T> {
  const owners = new Map<string, { items: T[]; lastServed: number }>();
  let served = 0;
  let size = 0;
  const next = () => {
    let chosen: { items: T[]; lastServed: number } | undefined;
    for (const owner of owners.values()) {
      if (owner.items.length > 0 && (chosen === undefined || owner.lastServed < chosen.lastServed)) chosen = owner;
    }
    return chosen;
  };
  const forgetIdleOwners = () => {
    if (owners.size <= rememberedIdleOwners) return;
    const idle = [...owners].filter(([, owner]) => owner.items.length === 0);
    if (idle.length <= rememberedIdleOwners) return;
    idle.sort((left, right) => left[1].lastServed - right[1].lastServed);
    for (const [name] of idle.slice(0, idle.length - rememberedIdleOwners)) owners.delete(name);
  };
  return {
    get size() {
      return size;
    },
    push(name, item) {
      let owner = owners.get(name);
      if (owner === undefined) {
        owner = { items: [], lastServed: -1 };
        owners.set(name, owner);
      }
      owner.items.push(item);
      size++;
    },
    peek() {
      return next()?.items[0];
    },
    shift() {
      const owner = next();
      if (owner === undefined) return;
      owner.items.shift();
      owner.lastServed = served++;
      size--;
      if (owner.items.length === 0) forgetIdleOwners();
    },
    remove(item) {
      for (const owner of owners.values()) {
        const position = owner.items.indexOf(item);
        if (position === -1) continue;
        owner.items.splice(position, 1);
        size--;
        return;
      }
    },
  };
}
