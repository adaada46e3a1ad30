package dev.vigil.bench;

import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls a {@code WorkflowClient} makes to Temporal (one gRPC request each), by kind.
 * Registered as a singleton in the ingest context, the production {@code TemporalClientFactory}
 * puts it on the relay's client like any other {@code WorkflowClientInterceptor} bean.
 */
final class CallCounter extends WorkflowClientInterceptorBase {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  long total() {
    return calls.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> byKind() {
    Map<String, Long> result = new TreeMap<>();
    calls.forEach((kind, n) -> result.put(kind, n.sum()));
    return result;
  }

  private void count(String kind) {
    calls.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowStartOutput start(WorkflowStartInput input) {
        count("start");
        return super.start(input);
      }

      @Override
      public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
        count("signalWithStart");
        return super.signalWithStart(input);
      }

      @Override
      public WorkflowSignalOutput signal(WorkflowSignalInput input) {
        count("signal");
        return super.signal(input);
      }

      @Override
      public <R> QueryOutput<R> query(QueryInput<R> input) {
        count("query");
        return super.query(input);
      }

      @Override
      public CancelOutput cancel(CancelInput input) {
        count("cancel");
        return super.cancel(input);
      }

      @Override
      public TerminateOutput terminate(TerminateInput input) {
        count("terminate");
        return super.terminate(input);
      }

      @Override
      public DescribeWorkflowOutput describe(DescribeWorkflowInput input) {
        count("describe");
        return super.describe(input);
      }
    };
  }
}
