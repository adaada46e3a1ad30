package dev.vigil.testkit;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Images for Docker tests, built locally because no registry is reachable: a root filesystem
 * tarball is handed to the daemon's import endpoint (what {@code docker import} does).
 */
public final class TestImages {
  /**
   * Repository and tag of {@link #busyboxHttpd()}; bump the tag when the image's content changes.
   */
  public static final String BUSYBOX_HTTPD = "vigil-test/busybox-httpd:1";

  /** The health endpoint file the image serves from {@code /www}: {@code GET /health} -> "ok". */
  public static final String HEALTH_PATH = "/health";

  private static final String BUSYBOX_ENV = "VIGIL_BUSYBOX";
  private static final String BUSYBOX_DEFAULT = "/bin/busybox";

  private TestImages() {}

  /**
   * A tiny image: Debian's static busybox at {@code /bin/busybox}, a link in {@code /bin} for each
   * applet ({@code sh}, {@code httpd}, {@code wget}, ...), and {@code /www} holding {@code health}
   * and {@code index.html}. It has no default command: run e.g. {@code busybox httpd -f -p 18080 -h
   * /www} on host networking. Built once and reused (idempotent across JVMs: the same tag is simply
   * re-imported if two builds race).
   *
   * @return the image reference
   */
  public static synchronized String busyboxHttpd() {
    TestDocker.assumeAvailable();
    try {
      TestDocker.client().inspectImageCmd(BUSYBOX_HTTPD).exec();
      return BUSYBOX_HTTPD;
    } catch (NotFoundException absent) {
      // build it below
    }
    Path busybox = Path.of(System.getenv().getOrDefault(BUSYBOX_ENV, BUSYBOX_DEFAULT));
    if (!Files.isExecutable(busybox)) {
      String message =
          "no static busybox at "
              + busybox
              + " (apt-get install busybox-static, or set "
              + BUSYBOX_ENV
              + "): cannot build "
              + BUSYBOX_HTTPD;
      if ("true".equalsIgnoreCase(System.getenv(TestDocker.REQUIRE_ENV))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    importImage(rootfs(busybox), BUSYBOX_HTTPD);
    TestDocker.client().inspectImageCmd(BUSYBOX_HTTPD).exec();
    return BUSYBOX_HTTPD;
  }

  private static byte[] rootfs(Path busybox) {
    try {
      byte[] binary = Files.readAllBytes(busybox);
      ByteArrayOutputStream out = new ByteArrayOutputStream(binary.length + 64 * 1024);
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        directory(tar, "bin/");
        directory(tar, "tmp/");
        directory(tar, "www/");
        file(tar, "bin/busybox", binary, 0755);
        for (String applet : applets(busybox)) {
          if (!applet.equals("busybox")) {
            TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("busybox");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
          }
        }
        file(tar, "www/health", "ok\n".getBytes(StandardCharsets.UTF_8), 0644);
        file(
            tar,
            "www/index.html",
            "<html><body>vigil test service</body></html>\n".getBytes(StandardCharsets.UTF_8),
            0644);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the busybox root filesystem", e);
    }
  }

  private static List<String> applets(Path busybox) throws IOException {
    Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
    List<String> names = new ArrayList<>();
    try (InputStream in = p.getInputStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.contains("/")) {
          names.add(line.trim());
        }
      }
    }
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted listing busybox applets", e);
    }
    if (!names.contains("httpd") || !names.contains("sh")) {
      throw new IOException(busybox + " lacks the httpd or sh applet: " + names);
    }
    return names;
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(name.equals("tmp/") ? 01777 : 0755);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(mode);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** {@code POST /images/create?fromSrc=-}: the daemon API behind {@code docker import}. */
  private static void importImage(byte[] tarball, String reference) {
    int colon = reference.lastIndexOf(':');
    String repo = reference.substring(0, colon);
    String tag = reference.substring(colon + 1);
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path("/images/create?fromSrc=-&repo=" + repo + "&tag=" + tag)
            .putHeader("Content-Type", "application/x-tar")
            .bodyBytes(tarball)
            .build();
    try (DockerHttpClient.Response response = TestDocker.http().execute(request)) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200 || body.contains("\"error\"")) {
        throw new IllegalStateException(
            "docker import of "
                + reference
                + " failed: HTTP "
                + response.getStatusCode()
                + " "
                + body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("docker import of " + reference + " failed", e);
    }
  }
}
