// The processes code-server starts, read from /proc (Linux): which one is the extension host, and how much CPU
// a process has used so far.
import * as fs from 'node:fs';
import { allProcs } from '../../harness/procs';
import type { Proc } from '../../harness/procs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux the project runs on). */
const TICKS_PER_SECOND = 100;

/** The processes of one code-server: the one started with its user-data folder, and all its descendants. */
export function codeServerTree(userDataDir: string): Proc[] {
  const procs = allProcs();
  const roots = procs.filter((p) => p.cmdline.includes(userDataDir));
  const tree = new Map(roots.map((p) => [p.pid, p]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...tree.values()];
}

/** The extension host of that code-server (`--type=extensionHost`), or a readable error listing the tree. */
export function extensionHostPid(userDataDir: string): number {
  const tree = codeServerTree(userDataDir);
  const hosts = tree.filter((p) => /--type=extensionHost\b/.test(p.cmdline));
  if (hosts.length !== 1) {
    const list = tree.map((p) => `  ${p.pid} (parent ${p.ppid}): ${p.cmdline.slice(0, 160)}`).join('\n');
    throw new Error(`expected one extension host under code-server, found ${hosts.length}:\n${list}`);
  }
  return (hosts[0] as Proc).pid;
}

/** CPU time a process has used: utime + stime of /proc/<pid>/stat (10 ms ticks), and the threads' schedstat (ns). */
export function cpuTime(pid: number): { statMs: number; schedMs: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5); the slice starts at field 3.
  const statMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  let schedNs = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      schedNs += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return { statMs, schedMs: schedNs / 1e6 };
}

/**
 * CPU time (schedstat, ns -> ms) of a process's main thread (its tid is its pid; Chromium's renderer main thread
 * keeps the process's name): the time it ran, which a busy machine does not inflate as it inflates wall clock.
 */
export function mainThreadCpuMs(pid: number): number {
  try {
    return measuredMainThreadCpuMs(pid);
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** {@link mainThreadCpuMs} of a process being measured: its end is an error, not 0 (a difference would go negative). */
export function measuredMainThreadCpuMs(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}
