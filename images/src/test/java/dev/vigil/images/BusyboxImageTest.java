package dev.vigil.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class BusyboxImageTest {
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  @Test
  void rootfs_holdsBusyboxItsAppletLinks_theHealthFile_andExecutableScripts() throws IOException {
    assumeTrue(Files.isExecutable(BUSYBOX), "no static busybox at " + BUSYBOX);
    BusyboxImage image =
        new BusyboxImage("vigil-test/rootfs:1", "rootfs test", Map.of("hello", "#!/bin/sh\n"));

    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(image.rootfs(BUSYBOX)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.put(e.getName(), e);
        if (e.getName().startsWith("www/") && e.isFile()) {
          texts.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }

    assertThat(entries).containsKeys("bin/busybox", "tmp/", "www/cgi-bin/");
    assertThat(entries.get("bin/sh").isSymbolicLink()).isTrue();
    assertThat(entries.get("bin/httpd").getLinkName()).isEqualTo("busybox");
    assertThat(entries.get("tmp/").getMode()).isEqualTo(01777);
    assertThat(texts)
        .containsEntry("www/health", "ok\n")
        .containsEntry("www/index.html", "<html><body>rootfs test</body></html>\n")
        .containsEntry("www/cgi-bin/hello", "#!/bin/sh\n");
    assertThat(entries.get("www/cgi-bin/hello").getMode()).isEqualTo(0755);
  }

  @Test
  void withoutScripts_thereIsNoCgiDirectory() throws IOException {
    assumeTrue(Files.isExecutable(BUSYBOX), "no static busybox at " + BUSYBOX);
    BusyboxImage image = new BusyboxImage("vigil-test/rootfs:1", "plain", Map.of());
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(image.rootfs(BUSYBOX)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        assertThat(e.getName()).doesNotStartWith("www/cgi-bin");
      }
    }
  }
}
