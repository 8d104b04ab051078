import fs from 'node:fs';

// Resident memory (RSS) of this process or of the backend process, and its peak over one step.
//
// On Linux the kernel keeps each process's peak RSS (VmHWM in /proc/<pid>/status), and writing "5" to
// /proc/<pid>/clear_refs resets that peak to the current RSS: so the peak of one step (the import, say) is
// read exactly, without the unlock's scrypt allocation (256 MB at 2^18) that came before it. Elsewhere only
// this process's lifetime peak is known (process.resourceUsage().maxRSS), and a step's own peak is not.

export interface Rss {
  /** Bytes resident now. */
  current: number;
  /** Bytes: the highest RSS since the last reset (or since the process started). */
  peak: number;
}

function procStatus(pid: number | 'self'): Rss | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
    const current = kb('VmRSS');
    const peak = kb('VmHWM');
    return Number.isFinite(current) && Number.isFinite(peak) ? { current, peak } : undefined;
  } catch {
    return undefined;
  }
}

/** The RSS of `pid` (default: this process), or undefined where it cannot be read. */
export function rss(pid?: number): Rss | undefined {
  const own = pid === undefined || pid === process.pid;
  const fromProc = procStatus(own ? 'self' : pid);
  if (fromProc || !own) return fromProc;
  return { current: process.memoryUsage.rss(), peak: process.resourceUsage().maxRSS * 1024 };
}

/** Resets the peak of `pid` (default: this process) to its current RSS. False where it cannot. */
export function resetPeak(pid?: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid === undefined ? 'self' : pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS of `pid` over `step`: reset before it, read after it; undefined where peaks cannot be reset. */
export async function peakOver<T>(pid: number | undefined, step: () => Promise<T>): Promise<{ value: T; peak?: Rss }> {
  const reset = resetPeak(pid);
  const value = await step();
  const after = rss(pid);
  return reset && after ? { value, peak: after } : { value };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux the app supports). */
const USER_HZ = 100;

/**
 * CPU time (user + system, ms) that `pid` has used so far: the whole process, or only its thread `thread`
 * (the process's own id names its main thread, where the backend answers calls; worker threads have others).
 * Undefined where /proc cannot be read. Resolution is one clock tick (10 ms).
 */
export function cpuMs(pid: number, thread?: number): number | undefined {
  try {
    const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const text = fs.readFileSync(file, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15
    return Number.isFinite(ticks) ? (ticks * 1000) / USER_HZ : undefined;
  } catch {
    return undefined;
  }
}
