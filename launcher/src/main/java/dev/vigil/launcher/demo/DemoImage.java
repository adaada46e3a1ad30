package dev.vigil.launcher.demo;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The demo's service image, built locally (no registry needed): the host's static busybox with an
 * applet link per command and {@code /www/health}, imported as {@code vigil-demo/busybox-httpd:1}
 * the way {@code docker import} does. The same recipe as testkit's TestImages.
 */
public final class DemoImage {
  public static final String REFERENCE = "vigil-demo/busybox-httpd:1";

  private DemoImage() {}

  /** Builds the image unless present; throws with what to install when busybox is missing. */
  public static synchronized String ensure(DockerClient docker) {
    try {
      docker.inspectImageCmd(REFERENCE).exec();
      return REFERENCE;
    } catch (NotFoundException absent) {
      // build below
    }
    Path busybox = Path.of(System.getenv().getOrDefault("VIGIL_BUSYBOX", "/bin/busybox"));
    if (!Files.isExecutable(busybox)) {
      throw new IllegalStateException(
          "no static busybox at "
              + busybox
              + " (apt-get install busybox-static, or set VIGIL_BUSYBOX)");
    }
    importImage(rootfs(busybox));
    docker.inspectImageCmd(REFERENCE).exec();
    return REFERENCE;
  }

  private static byte[] rootfs(Path busybox) {
    try {
      byte[] binary = Files.readAllBytes(busybox);
      ByteArrayOutputStream out = new ByteArrayOutputStream(binary.length + 64 * 1024);
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        directory(tar, "bin/", 0755);
        directory(tar, "tmp/", 01777);
        directory(tar, "www/", 0755);
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
            "<html><body>EventPulse app</body></html>\n".getBytes(StandardCharsets.UTF_8),
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
    return names;
  }

  private static void directory(TarArchiveOutputStream tar, String name, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(mode);
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

  /** {@code POST /images/create?fromSrc=-} on the daemon's unix socket or TCP address. */
  private static void importImage(byte[] tarball) {
    int colon = REFERENCE.lastIndexOf(':');
    String path =
        "/images/create?fromSrc=-&repo="
            + REFERENCE.substring(0, colon)
            + "&tag="
            + REFERENCE.substring(colon + 1);
    com.github.dockerjava.transport.DockerHttpClient http =
        new com.github.dockerjava.httpclient5.ApacheDockerHttpClient.Builder()
            .dockerHost(URI.create(dev.vigil.launcher.DockerProbe.host()))
            .build();
    com.github.dockerjava.transport.DockerHttpClient.Request request =
        com.github.dockerjava.transport.DockerHttpClient.Request.builder()
            .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.POST)
            .path(path)
            .putHeader("Content-Type", "application/x-tar")
            .bodyBytes(tarball)
            .build();
    try (http;
        com.github.dockerjava.transport.DockerHttpClient.Response response =
            http.execute(request)) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200 || body.contains("\"error\"")) {
        throw new IllegalStateException(
            "docker import of "
                + REFERENCE
                + " failed: HTTP "
                + response.getStatusCode()
                + " "
                + body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("docker import of " + REFERENCE + " failed", e);
    }
  }
}
