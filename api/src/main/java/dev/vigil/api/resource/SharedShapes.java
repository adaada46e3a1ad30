package dev.vigil.api.resource;

import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Severity;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The shapes of shared columns (store's contracts) the API answers with as they are stored: an
 * element of {@code activeSignals} is {@code resource_state.active_signals}'s element verbatim,
 * with its Jackson annotations (null fields left out, severity in lower case).
 */
@SerdeImport(ActiveSignal.class)
@SerdeImport(Severity.class)
final class SharedShapes {
  private SharedShapes() {}
}
