package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuUseTest {
  @Test
  void theCpuLine_sumsUserToSteal_andBusyLeavesOutIdleAndIowait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    long[] ticks = CpuUse.parseCpuLine("cpu  3582711 1876 870982 7554306 41119 0 78631 7 500 9");

    long all = 3582711 + 1876 + 870982 + 7554306 + 41119 + 0 + 78631 + 7;
    assertThat(ticks).containsExactly(all, all - 7554306 - 41119);
  }

  @Test
  void aPerCpuLineOrAnotherLine_isRefused() {
    assertThatThrownBy(() -> CpuUse.parseCpuLine("cpu0 1 2 3 4 5 6 7 8"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CpuUse.parseCpuLine("intr 1 2 3 4 5"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sharesAreOfTheWindowsCapacity_andABackendThatExitedIsNotCounted() {
    // 200 ticks of 10 ms: 2 s of CPU capacity (say 2 CPUs for 1 s), 150 of them busy
    CpuUse.Sample from =
        new CpuUse.Sample(
            1_000,
            400,
            Duration.ofMillis(1_000),
            null,
            Map.of(1L, Duration.ofSeconds(1), 2L, Duration.ofMillis(200)));
    CpuUse.Sample to =
        new CpuUse.Sample(
            1_200,
            550,
            Duration.ofMillis(1_500),
            null,
            Map.of(1L, Duration.ofMillis(1_300), 3L, Duration.ofMillis(100)));

    CpuUse use = CpuUse.between(from, to);

    assertThat(use.machine()).isEqualTo(0.75);
    assertThat(use.jvm()).isEqualTo(0.25);
    assertThat(use.broker()).isNaN();
    // pid 1 used 300 ms, pid 3 (started within the window) 100 ms, pid 2 exited: 0.4 s of 2 s
    assertThat(use.postgres()).isCloseTo(0.2, offset(1e-9));
    assertThat(use.describe())
        .isEqualTo("75% of the machine (bench JVM 25%, broker n/a, PostgreSQL 20%)");
  }

  @Test
  void withoutProcStat_theWindowIsNotKnown() {
    CpuUse.Sample none = new CpuUse.Sample(0, 0, Duration.ZERO, Duration.ZERO, Map.of());

    assertThat(CpuUse.machineTicks(Path.of("/no/such/proc/stat"))).containsExactly(0, 0);
    assertThat(CpuUse.between(none, none).describe()).isEqualTo("n/a (no /proc/stat)");
    assertThat(CpuUse.percent(Double.NaN)).isEqualTo("n/a");
  }

  @Test
  void onLinux_thisJvmsBusyLoop_showsInItsShareAndTheMachines() {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
    CpuUse.Sources sources = CpuUse.Sources.of(ProcessHandle.current().pid(), null);

    CpuUse.Sample from = sources.sample();
    long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
    long spins = 0;
    while (System.nanoTime() < until) {
      spins++;
    }
    CpuUse use = CpuUse.between(from, sources.sample());

    assertThat(spins).isPositive();
    assertThat(use.jvm()).isGreaterThan(0.05).isLessThanOrEqualTo(1.0);
    // the broker here is this JVM too: the same process read twice
    assertThat(use.broker()).isCloseTo(use.jvm(), offset(0.05));
    assertThat(use.machine()).isGreaterThanOrEqualTo(use.jvm() - 0.05).isLessThanOrEqualTo(1.0);
    assertThat(use.postgres()).isNaN();
  }
}
