// Preloaded into a CLI process by bench/query.ts (`node --import ./bench/memory-sampler.mjs ...`): samples
// heap used and RSS every 5 ms and, at exit, writes their high-water marks as JSON to the file named by
// $REGSWEEP_BENCH_MEMORY_OUT. (Not `process.resourceUsage().maxRSS`: Linux carries the parent's peak over
// fork and exec, so a child started by a bench that holds 800 MB would report at least that.)
import { writeFileSync } from 'node:fs';

const out = process.env.REGSWEEP_BENCH_MEMORY_OUT;
if (out) {
  let peakHeapUsed = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeapUsed) peakHeapUsed = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
  };
  setInterval(sample, 5).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(out, JSON.stringify({ peakHeapUsed, peakRss }));
  });
}
