package dev.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.platform.temporal.TemporalConfig;
import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.worker.support.SharedTemporal;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SearchAttributeSetupTest {

  @Test
  void testServer_registersThem_andAgainIsANoOp() {
    String target = SharedTemporal.target();

    assertThat(ensure(target)).isEqualTo(SearchAttributeSetup.Outcome.REGISTERED);
    assertThat(ensure(target)).isEqualTo(SearchAttributeSetup.Outcome.REGISTERED);
  }

  /** A gRPC operator service that refuses as Temporal Cloud does (no real Cloud here). */
  @Test
  void serverThatRefuses_isReportedOnce_withTheWayOut() throws Exception {
    Server refusing =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new OperatorServiceGrpc.OperatorServiceImplBase() {
                  @Override
                  public void listSearchAttributes(
                      ListSearchAttributesRequest request,
                      StreamObserver<ListSearchAttributesResponse> response) {
                    response.onError(
                        Status.PERMISSION_DENIED
                            .withDescription("Request unauthorized.")
                            .asRuntimeException());
                  }
                })
            .build()
            .start();
    Logger logger = (Logger) LoggerFactory.getLogger(SearchAttributeSetup.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      assertThat(ensure("127.0.0.1:" + refusing.getPort()))
          .isEqualTo(SearchAttributeSetup.Outcome.REFUSED);
      assertThat(logs.list)
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .asString()
          .contains("refused", "PERMISSION_DENIED", "tcld", "register-search-attributes=false");
    } finally {
      logger.detachAppender(logs);
      refusing.shutdownNow();
    }
  }

  @Test
  void nothingListening_isUnreachable() {
    assertThat(ensure("127.0.0.1:" + LoopbackPorts.free()))
        .isEqualTo(SearchAttributeSetup.Outcome.UNREACHABLE);
  }

  private static SearchAttributeSetup.Outcome ensure(String target) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      return new SearchAttributeSetup(
              stubs, new TemporalConfig(target, "default", "q", null, null, true))
          .ensure();
    } finally {
      stubs.shutdownNow();
    }
  }
}
