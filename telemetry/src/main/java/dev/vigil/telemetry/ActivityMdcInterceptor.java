package dev.vigil.telemetry;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.lang.reflect.RecordComponent;
import org.slf4j.MDC;

/**
 * Puts {@code resourceId} (from the workflow id {@code remediation:<resourceId>}) and {@code
 * incidentId} (when the activity's request record, or its {@code context}, has one) into the
 * logging MDC while an activity runs, so every log line of a repair names what it repairs.
 */
public class ActivityMdcInterceptor extends WorkerInterceptorBase {
  static final String WORKFLOW_ID_PREFIX = "remediation:";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String workflowId = context == null ? null : context.getInfo().getWorkflowId();
        String resourceId =
            workflowId != null && workflowId.startsWith(WORKFLOW_ID_PREFIX)
                ? workflowId.substring(WORKFLOW_ID_PREFIX.length())
                : null;
        Object request =
            input.getArguments() != null && input.getArguments().length > 0
                ? input.getArguments()[0]
                : null;
        String incidentId = incidentId(request);
        try (MDC.MDCCloseable r = MDC.putCloseable("resourceId", resourceId);
            MDC.MDCCloseable i = MDC.putCloseable("incidentId", incidentId)) {
          return super.execute(input);
        }
      }
    };
  }

  /** The request's (or its context's) {@code incidentId} component, or null. */
  static String incidentId(Object request) {
    Object value = component(request, "incidentId");
    if (value == null) {
      value = component(component(request, "context"), "incidentId");
    }
    return value == null ? null : value.toString();
  }

  private static Object component(Object record, String name) {
    if (record == null || !record.getClass().isRecord()) {
      return null;
    }
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getName().equals(name)) {
        try {
          return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }
}
