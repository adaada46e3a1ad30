package dev.vigil.web.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A path-to-scope rule from configuration ({@code vigil.security.rules[n]}); when any is
 * configured, they replace {@link ScopeRules#DEFAULTS}.
 *
 * @param pattern Ant-style path pattern
 * @param methods HTTP methods it applies to; empty for any
 * @param scope the scope required, or {@code anonymous}
 */
@EachProperty(value = "vigil.security.rules", list = true)
public record ScopeRuleProperties(String pattern, @Nullable List<String> methods, String scope) {}
