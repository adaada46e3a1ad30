package dev.vigil.workflows.client;

import dev.vigil.workflows.workflow.VigilSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes sure Vigil's search attributes exist in a namespace, idempotently: lists what is there and
 * adds only what is missing. Temporal Cloud does not allow the operator call; there the attributes
 * are created with {@code tcld} and this reports them as missing.
 */
public final class SearchAttributeRegistrar {
  private SearchAttributeRegistrar() {}

  /**
   * Registers the missing attributes.
   *
   * @return the names that were added (empty when all existed)
   */
  public static Map<String, IndexedValueType> ensureRegistered(
      OperatorServiceStubs operator, String namespace) {
    Map<String, IndexedValueType> missing =
        new LinkedHashMap<>(VigilSearchAttributes.definitions());
    try {
      ListSearchAttributesResponse existing =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
      missing.keySet().removeAll(existing.getCustomAttributesMap().keySet());
      missing.keySet().removeAll(existing.getSystemAttributesMap().keySet());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      // The Java test server does not list; adding is idempotent there.
    }
    if (missing.isEmpty()) {
      return missing;
    }
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(missing)
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
    return missing;
  }
}
