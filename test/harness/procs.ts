// The machine's processes as /proc lists them (Linux): pid, parent and arguments. The benchmarks find code-server's
// extension host in them; the browser launcher reads the switches Playwright gave Chromium.
import * as fs from 'node:fs';

export interface Proc {
  pid: number;
  ppid: number;
  /** The arguments, as the process was started. */
  argv: string[];
  /** The arguments joined by spaces, for matching. */
  cmdline: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields start after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    return { pid, ppid: Number(fields[1]), argv, cmdline: argv.join(' ') };
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/** Every process this user may read. */
export function allProcs(): Proc[] {
  return fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => readProc(Number(n)))
    .filter((p): p is Proc => p !== undefined);
}
