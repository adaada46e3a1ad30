package dev.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevOptionsTest {

  @Test
  void defaults_areDesignMdsLocalRun() {
    DevOptions o = DevOptions.parse(new String[0], Map.of());

    assertThat(o.httpPort()).isEqualTo(8080);
    assertThat(o.grpcPort()).isEqualTo(9090);
    assertThat(o.temporalPort()).isEqualTo(7233);
    assertThat(o.temporalUiPort()).isEqualTo(8233);
    assertThat(o.devToken()).isEqualTo("dev-token");
    assertThat(o.dataDir().getFileName()).hasToString(".vigil-dev");
    assertThat(o.wipe()).isFalse();
    assertThat(o.dryRun()).isFalse();
    assertThat(o.preferTemporalCli()).isTrue();
  }

  @Test
  void environment_andFlags_override() {
    DevOptions o =
        DevOptions.parse(
            new String[] {"--port", "0", "--wipe", "--data-dir", "/tmp/x", "--no-temporal-cli"},
            Map.of("VIGIL_HTTP_PORT", "9090", "VIGIL_DEV_TOKEN", "t0k"));

    assertThat(o.httpPort()).isZero();
    assertThat(o.wipe()).isTrue();
    assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(o.preferTemporalCli()).isFalse();
    assertThat(o.devToken()).isEqualTo("t0k");
    assertThat(DevOptions.parse(new String[0], Map.of("VIGIL_HTTP_PORT", "9090")).httpPort())
        .isEqualTo(9090);
    assertThat(DevOptions.parse(new String[] {"--grpc-port", "0"}, Map.of()).grpcPort()).isZero();
    assertThat(DevOptions.parse(new String[0], Map.of("VIGIL_GRPC_PORT", "19090")).grpcPort())
        .isEqualTo(19090);
  }

  @Test
  void unknownOrIncompleteFlags_areRefused() {
    assertThatThrownBy(() -> DevOptions.parse(new String[] {"--nope"}, Map.of()))
        .hasMessageContaining("--nope");
    assertThatThrownBy(() -> DevOptions.parse(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("needs a value");
  }

  @Test
  void wipe_deletesTheDataDirectory(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("kafka/logs"));
    Files.writeString(data.resolve("kafka/logs/meta.properties"), "x");

    DevStack.wipe(data);

    assertThat(data).doesNotExist();
  }

  @Test
  void curl_postsAnAlertmanagerWebhookWithTheDevToken() {
    assertThat(Banner.grpcCall("127.0.0.1:9090", "dev-token"))
        .contains("VIGIL_TOKEN=dev-token ./vigil grpc --server 127.0.0.1:9090 GetFleetSummary");
    assertThat(Banner.curl("http://127.0.0.1:8080", "dev-token"))
        .startsWith("curl -s -X POST http://127.0.0.1:8080/v1/ingest/alertmanager")
        .contains("Authorization: Bearer dev-token")
        .contains("\"docker_service\":\"app\"")
        .contains("\"alertname\":\"HighCPU\"");
  }
}
