package dev.vigil.web.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JWT's OAuth scopes into roles, so JWT callers and hashed-token callers are checked the
 * same way: {@code scope} (space-separated, RFC 8693/9068) and {@code scp} (an array or a
 * space-separated string, as Azure AD and Okta issue it), plus {@code roles} when present.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class ScopeRolesFinder implements RolesFinder {
  static final List<String> CLAIMS = List.of("scope", "scp", "roles");

  @Override
  @NonNull
  public List<String> resolveRoles(@Nullable Map<String, Object> attributes) {
    if (attributes == null) {
      return List.of();
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String claim : CLAIMS) {
      add(roles, attributes.get(claim));
    }
    return List.copyOf(roles);
  }

  private static void add(Set<String> roles, @Nullable Object value) {
    addValues(roles, value, "\\s+");
  }

  /**
   * Adds a claim's values to {@code into}: a string split on {@code separator}, or each element of
   * an array or collection (recursively), blanks dropped.
   */
  static void addValues(Set<String> into, @Nullable Object value, String separator) {
    if (value instanceof CharSequence s) {
      Arrays.stream(s.toString().trim().split(separator))
          .filter(v -> !v.isEmpty())
          .forEach(into::add);
    } else if (value instanceof Iterable<?> values) {
      values.forEach(v -> addValues(into, v, separator));
    } else if (value instanceof Object[] values) {
      Arrays.stream(values).forEach(v -> addValues(into, v, separator));
    }
  }
}
