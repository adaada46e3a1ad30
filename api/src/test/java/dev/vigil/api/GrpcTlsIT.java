package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.api.grpc.GrpcServer;
import dev.vigil.api.grpc.v1.FleetSummary;
import dev.vigil.api.grpc.v1.GetFleetSummaryRequest;
import dev.vigil.api.grpc.v1.VigilServiceGrpc;
import dev.vigil.api.support.ApiTestBase;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code vigil.api.grpc.cert-file} and {@code key-file} set, the gRPC server speaks TLS only:
 * a client trusting the certificate gets answers, a plaintext one does not. The certificate is made
 * for the test with openssl (self-signed, for 127.0.0.1 and localhost).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GrpcTlsIT extends ApiTestBase {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Path DIR = certificate();

  @Inject GrpcServer grpc;

  static Path certificate() {
    try {
      Path dir = Files.createTempDirectory("vigil-grpc-tls");
      Process openssl =
          new ProcessBuilder(
                  List.of(
                      "openssl",
                      "req",
                      "-x509",
                      "-newkey",
                      "rsa:2048",
                      "-nodes",
                      "-days",
                      "1",
                      "-subj",
                      "/CN=localhost",
                      "-addext",
                      "subjectAltName=IP:127.0.0.1,DNS:localhost",
                      "-keyout",
                      dir.resolve("key.pem").toString(),
                      "-out",
                      dir.resolve("cert.pem").toString()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("openssl.log").toFile())
              .start();
      if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl could not make a certificate: "
                + Files.readString(dir.resolve("openssl.log")));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("vigil.api.grpc.cert-file", DIR.resolve("cert.pem").toString());
    p.put("vigil.api.grpc.key-file", DIR.resolve("key.pem").toString());
    return p;
  }

  static VigilServiceGrpc.VigilServiceBlockingStub stub(ManagedChannel channel) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + READER);
    return VigilServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @Test
  void aClientTrustingTheCertificate_isAnswered_overTls() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", grpc.port())
            .sslContext(
                GrpcSslContexts.forClient().trustManager(DIR.resolve("cert.pem").toFile()).build())
            .build();
    try {
      FleetSummary summary =
          stub(channel).getFleetSummary(GetFleetSummaryRequest.getDefaultInstance());
      assertThat(summary.getByHealthMap()).containsKey("Healthy");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPlaintextClient_isNotServed() throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    try {
      StatusRuntimeException refused =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () -> stub(channel).getFleetSummary(GetFleetSummaryRequest.getDefaultInstance()));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
