package dev.vigil.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A Role's rules as "group/resource" (core group: just "resource") to its verbs. */
final class Rbac {

  private Rbac() {}

  static Map<String, Set<String>> grants(JsonNode role) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          String key =
              group.asText().isEmpty()
                  ? resource.asText()
                  : group.asText() + "/" + resource.asText();
          Set<String> verbs = grants.computeIfAbsent(key, k -> new TreeSet<>());
          rule.path("verbs").forEach(v -> verbs.add(v.asText()));
        }
      }
    }
    return grants;
  }

  /** Grants written as {@code "apps/deployments=get,list,patch"}. */
  static Map<String, Set<String>> expected(String... grants) {
    Map<String, Set<String>> expected = new TreeMap<>();
    for (String grant : grants) {
      String[] parts = grant.split("=", 2);
      expected.put(parts[0], new TreeSet<>(Arrays.asList(parts[1].split(","))));
    }
    return expected;
  }
}
