package dev.vigil.testkit;

import dev.vigil.images.BusyboxImage;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Images for Docker tests, built locally by {@link BusyboxImage} because no registry is reachable;
 * a test skips (or fails with {@code VIGIL_REQUIRE_DOCKER=true}) when Docker or busybox is missing.
 */
public final class TestImages {
  /**
   * Repository and tag of {@link #busyboxHttpd()}; bump the tag when the image's content changes.
   */
  public static final String BUSYBOX_HTTPD = "vigil-test/busybox-httpd:1";

  /** The health endpoint file the image serves from {@code /www}: {@code GET /health} -> "ok". */
  public static final String HEALTH_PATH = BusyboxImage.HEALTH_PATH;

  private static final BusyboxImage IMAGE =
      new BusyboxImage(BUSYBOX_HTTPD, "vigil test service", Map.of());

  private TestImages() {}

  /**
   * The {@link BusyboxImage} for tests: busybox with its applets and {@code /www/health}, no CGI
   * scripts and no default command (run e.g. {@code busybox httpd -f -p 18080 -h /www} on host
   * networking). Built once and reused.
   *
   * @return the image reference
   */
  public static String busyboxHttpd() {
    TestDocker.assumeAvailable();
    try {
      return IMAGE.ensure(TestDocker.client(), TestDocker.http());
    } catch (BusyboxImage.BusyboxMissing missing) {
      if ("true".equalsIgnoreCase(System.getenv(TestDocker.REQUIRE_ENV))) {
        Assertions.fail(missing.getMessage());
      }
      Assumptions.abort(missing.getMessage());
      throw missing; // not reached: abort throws
    }
  }
}
