package dev.vigil.temporaldev;

import dev.vigil.workflows.client.SearchAttributeRegistrar;
import dev.vigil.workflows.workflow.VigilSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testserver.TestServer;
import java.util.Map;

/**
 * The one way Vigil's tests, benches, fault suite and dev launcher start a Temporal server in this
 * JVM with Vigil's search attributes, and the one way they connect to a local one. Two shapes:
 *
 * <ul>
 *   <li>{@link #start(int)}: Temporal's Java test server bound to a loopback port (real gRPC, real
 *       time: time skipping locked), for code that dials a target as in production; it can be
 *       {@link #stop() stopped} and {@link #start() started} again on the same port, as an outage
 *       would (the test server keeps its state in memory, so it comes back empty).
 *   <li>{@link #testEnvironment()}: the SDK's {@link TestWorkflowEnvironment} (in-process, no port,
 *       time skipping), for code handed a client directly.
 * </ul>
 *
 * <p>The search attributes come from {@link VigilSearchAttributes} through {@link
 * SearchAttributeRegistrar}, the same registration the worker does at start, so a workflow that
 * sets them is accepted here exactly as on a real cluster.
 */
public final class LocalTemporal implements AutoCloseable {
  /** The namespace every local server has and Vigil uses by default. */
  public static final String NAMESPACE = "default";

  private final int port;
  private final boolean registerSearchAttributes;
  private TestServer.PortBoundTestServer server;

  private LocalTemporal(int port, boolean registerSearchAttributes) {
    this.port = port;
    this.registerSearchAttributes = registerSearchAttributes;
  }

  /**
   * Starts the test server on {@code port} (0: a free one) and registers Vigil's search attributes.
   */
  public static LocalTemporal start(int port) {
    return started(port, true);
  }

  /**
   * Starts the test server on {@code port} (0: a free one) without Vigil's search attributes, for
   * tests of code that registers them itself (the worker does at start).
   */
  public static LocalTemporal startWithoutSearchAttributes(int port) {
    return started(port, false);
  }

  private static LocalTemporal started(int port, boolean registerSearchAttributes) {
    LocalTemporal temporal =
        new LocalTemporal(port == 0 ? LoopbackPorts.free() : port, registerSearchAttributes);
    temporal.start();
    return temporal;
  }

  /**
   * The SDK's in-process test environment with Vigil's search attributes registered; the caller
   * adds workers, then calls {@link TestWorkflowEnvironment#start()}, and closes it.
   */
  public static TestWorkflowEnvironment testEnvironment() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    VigilSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    return env;
  }

  /** Starts the server again on the same port after {@link #stop()}; a no-op while it runs. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    server = TestServer.createPortBoundServer(port, true);
    if (registerSearchAttributes) {
      try {
        registerSearchAttributes(target());
      } catch (RuntimeException e) {
        stop();
        throw e;
      }
    }
  }

  /** Takes the server down; every workflow it held is gone. */
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public int port() {
    return port;
  }

  public String target() {
    return loopback(port);
  }

  /** New stubs of this server; the caller shuts them down. */
  public WorkflowServiceStubs newStubs() {
    return stubs(target());
  }

  /** {@code 127.0.0.1:port}: local servers listen on loopback only. */
  public static String loopback(int port) {
    return "127.0.0.1:" + port;
  }

  /** New stubs of the Temporal frontend at {@code target}; the caller shuts them down. */
  public static WorkflowServiceStubs stubs(String target) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  /**
   * Registers Vigil's search attributes in the {@link #NAMESPACE} namespace of the server at {@code
   * target}, idempotently, with a connection of its own.
   *
   * @return the attributes that were added (empty when all existed)
   */
  public static Map<String, IndexedValueType> registerSearchAttributes(String target) {
    WorkflowServiceStubs stubs = stubs(target);
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      return SearchAttributeRegistrar.ensureRegistered(operator, NAMESPACE);
    } finally {
      operator.shutdownNow();
      stubs.shutdownNow();
    }
  }
}
