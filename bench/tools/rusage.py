#!/usr/bin/env python3
"""Runs a command and writes the CPU time it used (its own and that of any children it waited for),
its wall time and the time its threads spent runnable but waiting for a CPU (run queue delay, from
/proc/PID/task/*/schedstat, sampled every 20 ms, so the last few ms may be missing) to a file, as one
line "user_s system_s wall_s runq_s"; exits with the command's status.

    rusage.py OUT -- COMMAND [ARGS...]

The benchmarks use it for perfdhcp (`ip netns exec` execs perfdhcp in the same process, so the
figures are perfdhcp's): the load generator's own CPU per completed exchange, and how close it is
to a full core (when it is, perfdhcp and not the server sets the completed rate). On a busy machine
perfdhcp may be starved rather than saturated: CPU + run queue delay close to the wall time says it
was never idle.
"""
import glob
import os
import sys
import time


def run_delay(pid):
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return total / 1e9


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print("usage: rusage.py OUT -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    out, command = sys.argv[1], sys.argv[3:]
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    delay = 0.0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        delay = max(delay, run_delay(pid))
        time.sleep(0.02)
    wall = time.monotonic() - start
    with open(out, "w") as f:
        f.write(f"{usage.ru_utime:.3f} {usage.ru_stime:.3f} {wall:.3f} {delay:.3f}\n")
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1


if __name__ == "__main__":
    sys.exit(main())
