/**
 * A pool running at most `size` tasks at once, in submission order. Each task receives
 * the index of the slot it runs in (0 … size-1), so tasks can keep per-slot caches.
 */
export function createPool(size: number) {
  const queue: (() => void)[] = [];
  const freeSlots = Array.from({ length: size }, (_, i) => i);
  const next = () => {
    if (freeSlots.length && queue.length) queue.shift()!();
  };
  return function run<T>(task: (slot: number) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push(() => {
        const slot = freeSlots.shift()!;
        task(slot)
          .then(resolve, reject)
          .finally(() => {
            freeSlots.push(slot);
            next();
          });
      });
      next();
    });
  };
}
