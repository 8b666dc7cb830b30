package ruru.testing;

import java.lang.management.ManagementFactory;

/**
 * The rounds of a packet-path micro benchmark (bench/dhcp4-micro.sh, bench/dhcp6-micro.sh): a
 * warm-up round, then {@code rounds} rounds of {@code perRound} exchanges on this thread, each
 * printed with the thread's CPU time and allocated bytes per exchange (ThreadMXBean).
 */
public final class MicroRounds {

    /** One exchange of client number {@code n}; true when it completed. */
    @FunctionalInterface
    public interface Exchange {
        boolean run(int n) throws Exception;
    }

    private MicroRounds() {
    }

    /** @param name the exchange's name in the figures (DORA, SARR) */
    public static void run(int rounds, int perRound, String name, Exchange exchange) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        int client = 0;
        for (int r = 0; r <= rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long alloc0 = threads.getThreadAllocatedBytes(tid);
            int done = 0;
            for (int i = 0; i < perRound; i++) {
                done += exchange.run(client++) ? 1 : 0;
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long alloc = threads.getThreadAllocatedBytes(tid) - alloc0;
            System.out.printf("%s %d: %d %s, %.1f us CPU and %d bytes allocated per %s%n",
                    r == 0 ? "warm-up" : "round", r, done, name, cpu / 1e3 / perRound, alloc / perRound, name);
        }
    }
}
