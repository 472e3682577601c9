/** Who holds a lease on a payment or payout: this process (host, pid, start), and whether another holder is surely gone. */
import os from 'node:os';

/** Identifies this process as a lease holder: host, pid and start time. */
export function processLeaseOwner(): string {
  return `${os.hostname()}:${process.pid}:${Math.round(performance.timeOrigin)}`;
}

/** Whether a lease owner string names a process that is surely gone (same host, dead pid). */
export function leaseOwnerIsGone(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== os.hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return owner !== processLeaseOwner();
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
