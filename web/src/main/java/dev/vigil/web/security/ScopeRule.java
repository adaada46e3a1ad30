package dev.vigil.web.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.http.HttpMethod;
import java.util.Set;

/**
 * One line of the path-to-scope map: requests whose path matches {@code pattern} (Ant style, {@code
 * **} spans segments) and whose method is in {@code methods} (empty: any) need {@code scope}; a
 * null scope lets anonymous callers in.
 */
public record ScopeRule(String pattern, Set<HttpMethod> methods, @Nullable String scope) {

  public static final Set<HttpMethod> ANY = Set.of();
  public static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
  public static final Set<HttpMethod> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  public ScopeRule {
    methods = methods == null ? ANY : Set.copyOf(methods);
  }

  public static ScopeRule anonymous(String pattern) {
    return new ScopeRule(pattern, ANY, null);
  }

  public boolean matches(HttpMethod method, String path) {
    return (methods.isEmpty() || methods.contains(method))
        && PathMatcher.ANT.matches(pattern, path);
  }

  public boolean isAnonymous() {
    return scope == null;
  }
}
