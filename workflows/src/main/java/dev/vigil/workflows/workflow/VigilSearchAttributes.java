package dev.vigil.workflows.workflow;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** The custom search attributes an operator filters repairs by in the Temporal UI. */
public final class VigilSearchAttributes {
  public static final SearchAttributeKey<String> RESOURCE_ID =
      SearchAttributeKey.forKeyword("VigilResourceId");
  public static final SearchAttributeKey<String> RESOURCE_TYPE =
      SearchAttributeKey.forKeyword("VigilResourceType");
  public static final SearchAttributeKey<String> CLUSTER =
      SearchAttributeKey.forKeyword("VigilCluster");
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("VigilPhase");
  public static final SearchAttributeKey<Long> ATTEMPTS =
      SearchAttributeKey.forLong("VigilAttempts");

  private VigilSearchAttributes() {}

  /** Name to type, as the operator service registers them. */
  public static Map<String, IndexedValueType> definitions() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    all.put(RESOURCE_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    all.put(RESOURCE_TYPE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    all.put(CLUSTER.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    all.put(PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    all.put(ATTEMPTS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT);
    return all;
  }
}
