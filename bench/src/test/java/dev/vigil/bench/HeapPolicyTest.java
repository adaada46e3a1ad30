package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The table's header says how the heap ingest runs in was sized and whether G1 may shrink it. */
class HeapPolicyTest {
  private final HotSpotDiagnosticMXBean vm =
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

  @Test
  void namesThisJvmsInitialAndMaximumHeap() {
    long max = Long.parseLong(vm.getVMOption("MaxHeapSize").getValue());
    long initial = Long.parseLong(vm.getVMOption("InitialHeapSize").getValue());

    assertThat(BenchMain.heapPolicy())
        .startsWith(
            String.format(Locale.ROOT, "initial %,d MiB, max %,d MiB", initial >> 20, max >> 20));
  }

  @Test
  void saysNeverShrunkOnlyWhenNoFreeRatioMakesG1GiveTheHeapBack() {
    String before = vm.getVMOption("MaxHeapFreeRatio").getValue();
    try {
      vm.setVMOption("MaxHeapFreeRatio", "70");
      assertThat(BenchMain.heapPolicy()).endsWith("MaxHeapFreeRatio 70");

      vm.setVMOption("MaxHeapFreeRatio", "100");
      assertThat(BenchMain.heapPolicy()).endsWith("MaxHeapFreeRatio 100 (never shrunk)");
    } finally {
      vm.setVMOption("MaxHeapFreeRatio", before);
    }
  }
}
