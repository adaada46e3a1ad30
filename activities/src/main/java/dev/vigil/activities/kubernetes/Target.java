package dev.vigil.activities.kubernetes;

/**
 * The Kubernetes object an action works on, once {@code self}/{@code owner}/{@code node} is
 * resolved.
 *
 * @param kind what it is
 * @param namespace its namespace, null for a node
 * @param name its name
 */
public record Target(Kind kind, String namespace, String name) {

  public enum Kind {
    POD("pod"),
    DEPLOYMENT("deployment"),
    STATEFULSET("statefulset"),
    NODE("node");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public static Target pod(String namespace, String name) {
    return new Target(Kind.POD, namespace, name);
  }

  public static Target deployment(String namespace, String name) {
    return new Target(Kind.DEPLOYMENT, namespace, name);
  }

  public static Target statefulSet(String namespace, String name) {
    return new Target(Kind.STATEFULSET, namespace, name);
  }

  public static Target node(String name) {
    return new Target(Kind.NODE, null, name);
  }

  public boolean isWorkload() {
    return kind == Kind.DEPLOYMENT || kind == Kind.STATEFULSET;
  }

  /** {@code payments/api-7c9}, or {@code worker-1} for a node. */
  public String path() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /** {@code pod payments/api-7c9}: how summaries and plans name it. */
  public String describe() {
    return kind.word() + " " + path();
  }
}
