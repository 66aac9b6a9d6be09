import { writeFileSync } from 'node:fs';

/**
 * Preloaded into every measured child process (`node -r lib/bench/rusage.js …`): when the
 * process exits, writes its own resource usage to the file named by BENCH_RUSAGE_FILE, so that
 * the harness gets the whole process's peak RSS without /usr/bin/time. Peak RSS comes from
 * getrusage (`maxRSS`, in KiB on Linux); CPU times are in microseconds.
 */
const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  // Only the process started with the variable: its own children (npx → node) inherit it.
  delete process.env.BENCH_RUSAGE_FILE;
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ maxRssKiB: usage.maxRSS, userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime }),
    );
  });
}
