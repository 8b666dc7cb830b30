package ruru.lease;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Gives back the heap that loading a large lease file grew. G1 keeps up to 70 % of its heap free
 * after a collection by default ({@code MaxHeapFreeRatio}), so a store of 200 MB would stay at
 * some 650 MB committed (and resident) after a load that needed more. Both ratios are manageable
 * flags: when the operator has not set them, a large load sets 10 / 20 % (a heap within ~1.25x of
 * what it keeps; G1 still grows it when its collections need more) and then asks for one collection; the launchers run the JVM with
 * {@code -XX:+ExplicitGCInvokesConcurrent}, so that is a concurrent cycle (one young pause), and
 * G1 shrinks the heap at its remark. {@code -XX:+DisableExplicitGC} turns the collection off.
 */
final class HeapFit {

    static final String MIN = "MinHeapFreeRatio";
    static final String MAX = "MaxHeapFreeRatio";
    static final String MIN_FREE = "10";
    static final String MAX_FREE = "20";

    private HeapFit() {
    }

    /** After a large load: tighter free ratios unless set on the command line, then one collection. */
    static void afterLargeLoad() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm != null && atDefault(vm, MIN) && atDefault(vm, MAX)) {
                // Min first: Max may never be below it, and the new Max (20) is below the default Min (40)
                vm.setVMOption(MIN, MIN_FREE);
                vm.setVMOption(MAX, MAX_FREE);
            }
        } catch (RuntimeException e) {
            // a JVM without these flags or the bean: keep its own sizing
        }
        System.gc();
    }

    private static boolean atDefault(HotSpotDiagnosticMXBean vm, String flag) {
        VMOption o = vm.getVMOption(flag);
        return o.isWriteable() && o.getOrigin() == VMOption.Origin.DEFAULT;
    }
}
