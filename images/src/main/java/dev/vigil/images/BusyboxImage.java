package dev.vigil.images;

import com.github.dockerjava.api.DockerClient;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tiny web-server image built locally, because no registry is reachable here: the host's static
 * busybox at {@code /bin/busybox}, a link in {@code /bin} for each applet ({@code sh}, {@code
 * httpd}, {@code wget}, ...), and {@code /www} holding {@code health} ("ok"), {@code index.html}
 * and any CGI scripts under {@code /www/cgi-bin}. It has no default command: run e.g. {@code
 * busybox httpd -f -p 18080 -h /www} on host networking. The root filesystem is handed to the
 * daemon's import endpoint (what {@code docker import} does).
 *
 * <p>One recipe for the test image (testkit) and the demo's service image (launcher), which differ
 * only in their tag, page title and scripts.
 */
public final class BusyboxImage {
  /** The health endpoint file the image serves from {@code /www}: {@code GET /health} -> "ok". */
  public static final String HEALTH_PATH = "/health";

  /** Environment variable naming the static busybox to use instead of {@code /bin/busybox}. */
  public static final String BUSYBOX_ENV = "VIGIL_BUSYBOX";

  private static final String BUSYBOX_DEFAULT = "/bin/busybox";

  /** No static busybox on this machine, so the image cannot be built; says what to install. */
  public static final class BusyboxMissing extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    BusyboxMissing(String message) {
      super(message);
    }
  }

  private final String reference;
  private final String indexHtml;
  private final Map<String, String> cgiScripts;

  /**
   * @param reference repository and tag; bump the tag when the content changes, since an existing
   *     image of the same tag is reused
   * @param title what {@code /index.html} says
   * @param cgiScripts file name under {@code /www/cgi-bin} to script (made executable), in order
   */
  public BusyboxImage(String reference, String title, Map<String, String> cgiScripts) {
    this.reference = reference;
    this.indexHtml = "<html><body>" + title + "</body></html>\n";
    this.cgiScripts = new LinkedHashMap<>(cgiScripts);
  }

  public String reference() {
    return reference;
  }

  /**
   * Builds the image unless the daemon has it (idempotent across JVMs: the same tag is simply
   * re-imported if two builds race).
   *
   * @param docker the daemon, to look the image up
   * @param http the same daemon's raw transport, for the import call docker-java does not wrap
   * @return the image reference
   * @throws BusyboxMissing when the image is absent and there is no static busybox to build it
   */
  public synchronized String ensure(DockerClient docker, DockerHttpClient http) {
    try {
      docker.inspectImageCmd(reference).exec();
      return reference;
    } catch (NotFoundException absent) {
      // build it below
    }
    Path busybox = Path.of(System.getenv().getOrDefault(BUSYBOX_ENV, BUSYBOX_DEFAULT));
    if (!Files.isExecutable(busybox)) {
      throw new BusyboxMissing(
          "no static busybox at "
              + busybox
              + " (apt-get install busybox-static, or set "
              + BUSYBOX_ENV
              + "): cannot build "
              + reference);
    }
    importImage(http, rootfs(busybox));
    docker.inspectImageCmd(reference).exec();
    return reference;
  }

  /** The root filesystem as a tar archive. */
  byte[] rootfs(Path busybox) {
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
        file(tar, "www/index.html", indexHtml.getBytes(StandardCharsets.UTF_8), 0644);
        if (!cgiScripts.isEmpty()) {
          directory(tar, "www/cgi-bin/", 0755);
        }
        for (Map.Entry<String, String> script : cgiScripts.entrySet()) {
          file(
              tar,
              "www/cgi-bin/" + script.getKey(),
              script.getValue().getBytes(StandardCharsets.UTF_8),
              0755);
        }
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

  /** {@code POST /images/create?fromSrc=-}: the daemon API behind {@code docker import}. */
  private void importImage(DockerHttpClient http, byte[] tarball) {
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
    try (DockerHttpClient.Response response = http.execute(request)) {
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
