/** Peak memory of the current process, in bytes. */
export interface MemoryPeak {
  /** Peak resident set size as the kernel counts it (`process.resourceUsage().maxRSS`): the ground truth. */
  maxRssBytes: number;
  /** Highest `process.memoryUsage.rss()` seen by the sampler; it misses peaks inside long synchronous work. */
  sampledRssBytes: number;
  /** Highest V8 heap use seen by the sampler. */
  sampledHeapBytes: number;
}

/**
 * Samples RSS and heap every `intervalMs` until `stop()`. The timer is unref'd so it never keeps
 * a finished benchmark alive, and it runs in both the Swarm and the baseline process alike.
 */
export function startMemorySampler({ intervalMs = 20 }: { intervalMs?: number } = {}): { stop(): MemoryPeak } {
  let sampledRssBytes = 0;
  let sampledHeapBytes = 0;
  const sample = () => {
    sampledRssBytes = Math.max(sampledRssBytes, process.memoryUsage.rss());
    sampledHeapBytes = Math.max(sampledHeapBytes, process.memoryUsage().heapUsed);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { maxRssBytes: process.resourceUsage().maxRSS * 1024, sampledRssBytes, sampledHeapBytes };
    },
  };
}
