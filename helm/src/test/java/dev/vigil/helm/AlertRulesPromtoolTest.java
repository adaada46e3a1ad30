package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped rules checked and unit-tested by the real promtool (Debian package {@code
 * prometheus}). Without promtool the tests are skipped with a message, unless {@code CI=true},
 * where a missing promtool fails the build.
 */
@Timeout(120)
class AlertRulesPromtoolTest {

  static final Path RULES = Path.of("vigil/files/prometheus/vigil-rules.yaml");
  static final Path RULE_TESTS = Path.of("src/test/promtool/vigil-rules.test.yaml");

  static final String MISSING =
      "promtool not found on PATH (install the Debian package 'prometheus')";

  static Path promtool;

  @BeforeAll
  static void findPromtool() {
    promtool = onPath("promtool").orElse(null);
    if (promtool == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail(MISSING + ": required when CI=true");
      }
      System.err.println("SKIPPED AlertRulesPromtoolTest: " + MISSING);
    }
  }

  @BeforeEach
  void requirePromtool() {
    Assumptions.assumeTrue(promtool != null, MISSING);
  }

  @Test
  void rulesPassPromtoolCheck() throws Exception {
    Result result = run(promtool.toString(), "check", "rules", RULES.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void alertUnitTestsPass() throws Exception {
    Result result = run(promtool.toString(), "test", "rules", RULE_TESTS.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("timed out: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), output);
  }

  private static Optional<Path> onPath(String executable) {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, executable));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
