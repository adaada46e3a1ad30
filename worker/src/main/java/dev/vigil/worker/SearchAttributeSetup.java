package dev.vigil.worker;

import dev.vigil.platform.temporal.TemporalConfig;
import dev.vigil.workflows.client.SearchAttributeRegistrar;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure Vigil's search attributes exist in the namespace before the worker polls, through
 * Temporal's operator service with the worker's own connection (target, TLS, API key). Idempotent:
 * only missing attributes are added. A server that refuses the operator call (Temporal Cloud) is
 * reported once and not asked again.
 */
@Singleton
public class SearchAttributeSetup {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeSetup.class);

  /** Answers that will not change by asking again: the server does not allow the call. */
  private static final Set<Status.Code> REFUSALS =
      Set.of(
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.UNIMPLEMENTED,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION);

  /** What one attempt ended with. */
  public enum Outcome {
    /** Every attribute exists now (some may have been added). */
    REGISTERED,
    /** The server does not allow registering them (Temporal Cloud); create them out of band. */
    REFUSED,
    /** Temporal did not answer; worth another attempt. */
    UNREACHABLE
  }

  private final WorkflowServiceStubs stubs;
  private final TemporalConfig temporal;

  public SearchAttributeSetup(WorkflowServiceStubs stubs, TemporalConfig temporal) {
    this.stubs = stubs;
    this.temporal = temporal;
  }

  /** One attempt; never throws for what Temporal answers. */
  public Outcome ensure() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(stubs.getOptions())
                .validateAndBuildWithDefaults());
    try {
      Map<String, ?> added =
          SearchAttributeRegistrar.ensureRegistered(operator, temporal.namespace());
      if (added.isEmpty()) {
        log.info("search attributes: all of Vigil's exist in namespace {}", temporal.namespace());
      } else {
        log.info(
            "search attributes: added {} to namespace {}", added.keySet(), temporal.namespace());
      }
      return Outcome.REGISTERED;
    } catch (StatusRuntimeException e) {
      if (REFUSALS.contains(e.getStatus().getCode())) {
        log.warn(
            "search attributes: Temporal refused to register them in namespace {} ({}). On Temporal"
                + " Cloud create them with tcld or the Cloud UI (see docs/design.md), or set"
                + " vigil.worker.register-search-attributes=false; the worker polls anyway.",
            temporal.namespace(),
            e.getStatus().getCode());
        return Outcome.REFUSED;
      }
      log.debug(
          "search attributes: Temporal at {} did not answer ({})",
          temporal.target(),
          e.getStatus().getCode());
      return Outcome.UNREACHABLE;
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
