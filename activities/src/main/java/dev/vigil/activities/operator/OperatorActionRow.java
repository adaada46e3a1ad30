package dev.vigil.activities.operator;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The repository's entity: only the key is read back; the record is written by query. */
@MappedEntity("operator_action")
public record OperatorActionRow(@Id String id, String state, long seq) {}
