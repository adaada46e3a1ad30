package dev.vigil.api;

import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Incident;
import dev.vigil.store.contracts.Severity;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The shapes of shared data (store's contracts) the API answers with as they are stored, with their
 * Jackson annotations: an element of a resource's {@code activeSignals} is {@code
 * resource_state.active_signals}'s element verbatim (null fields left out, severity in lower case);
 * an incident is its {@code incident} row (every field, nulls included).
 */
@SerdeImport(ActiveSignal.class)
@SerdeImport(Incident.class)
@SerdeImport(Severity.class)
final class SharedShapes {
  private SharedShapes() {}
}
