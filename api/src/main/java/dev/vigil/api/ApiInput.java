package dev.vigil.api;

import dev.vigil.store.contracts.Identifiers;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Checks of what callers put into paths, filters and bodies, by the rules every Vigil module shares
 * ({@link Identifiers}): a value no resource or incident could have is a 400 naming the parameter,
 * before it reaches a query or a workflow.
 */
public final class ApiInput {
  /** Longest cancel reason or approval comment. */
  public static final int MAX_TEXT = 1024;

  private ApiInput() {}

  /** {@code id} when it can be a resource id; else 400. */
  public static String resourceId(String id, String parameter) {
    return checked(id, parameter, Identifiers.resourceIdProblem(id));
  }

  /** {@code value} when it can be a name (type, cluster, incident id); else 400. Null passes. */
  public static @Nullable String name(@Nullable String value, String parameter) {
    return value == null ? null : checked(value, parameter, Identifiers.nameProblem(value));
  }

  /** Free text from a body (reason, comment): at most {@link #MAX_TEXT} characters. */
  public static @Nullable String text(@Nullable String value, String field) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new ProblemException(
          Problems.badRequest(field + " is longer than " + MAX_TEXT + " characters", field));
    }
    return value;
  }

  private static String checked(String value, String parameter, Optional<String> problem) {
    if (problem.isPresent()) {
      throw new ProblemException(Problems.badRequest(parameter + " " + problem.get(), parameter));
    }
    return value;
  }
}
