package dev.vigil.worker.support;

import com.uber.m3.tally.Scope;
import dev.vigil.platform.temporal.TemporalClientFactory;
import dev.vigil.platform.temporal.TemporalConfig;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;

/**
 * The platform's stubs, but workflow task completions never ask for a sticky queue. Why: the Java
 * test server never moves a workflow task off the sticky queue of a worker that has gone (it has no
 * sticky schedule-to-start timeout and its {@code ShutdownWorker} does nothing), so a repair whose
 * worker was stopped would wait forever there. A real Temporal server hands such tasks to the
 * normal queue (at once on {@code ShutdownWorker}, after 5 s for a crashed worker); without
 * stickiness every workflow task goes through the normal queue, which is what that converges to.
 */
@Factory
@Requires(property = "test.temporal.sticky", value = "off")
public class NonStickyStubsFactory {

  @Singleton
  @Bean(preDestroy = "shutdown")
  @Replaces(factory = TemporalClientFactory.class, bean = WorkflowServiceStubs.class)
  WorkflowServiceStubs workflowServiceStubs(
      TemporalConfig config, @Nullable Scope temporalMetricsScope) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder(
                TemporalClientFactory.stubsOptions(config, temporalMetricsScope))
            .addGrpcClientInterceptor(new WithoutStickyAttributes())
            .build());
  }

  /** Clears {@code sticky_attributes} from {@code RespondWorkflowTaskCompleted}. */
  static final class WithoutStickyAttributes implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      ClientCall<Q, R> call = next.newCall(method, options);
      if (!method
          .getFullMethodName()
          .equals(
              WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName())) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        @SuppressWarnings("unchecked")
        public void sendMessage(Q message) {
          super.sendMessage(
              (Q)
                  ((RespondWorkflowTaskCompletedRequest) message)
                      .toBuilder().clearStickyAttributes().build());
        }
      };
    }
  }
}
