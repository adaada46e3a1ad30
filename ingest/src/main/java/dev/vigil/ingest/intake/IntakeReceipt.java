package dev.vigil.ingest.intake;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The 202 body of a receiver: how many events Kafka acknowledged and how many the noise filters
 * dropped (or the source marks as carrying no signal).
 */
@Serdeable
public record IntakeReceipt(int accepted, int filtered) {}
