package ruru.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/** After a large load the heap's free ratios are tightened, unless the operator set them. */
class HeapFitTest {

    @Test
    void tightensTheFreeRatiosOnlyWhenTheyAreTheJvmDefaults() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        VMOption min = vm.getVMOption(HeapFit.MIN);
        VMOption max = vm.getVMOption(HeapFit.MAX);
        boolean defaults = min.getOrigin() == VMOption.Origin.DEFAULT && max.getOrigin() == VMOption.Origin.DEFAULT;
        HeapFit.afterLargeLoad();
        assertEquals(defaults ? HeapFit.MIN_FREE : min.getValue(), vm.getVMOption(HeapFit.MIN).getValue());
        assertEquals(defaults ? HeapFit.MAX_FREE : max.getValue(), vm.getVMOption(HeapFit.MAX).getValue());
        // a second large load leaves them as they are (no longer the defaults)
        HeapFit.afterLargeLoad();
        assertEquals(defaults ? HeapFit.MAX_FREE : max.getValue(), vm.getVMOption(HeapFit.MAX).getValue());
    }
}
