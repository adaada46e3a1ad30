package dev.vigil.activities.docker;

/**
 * One container of a service.
 *
 * @param id container id
 * @param name container name without the leading slash
 * @param slot its slot (from {@code vigil.slot}, or assigned when the label is missing)
 * @param created creation time, epoch seconds
 * @param state Docker's state: {@code created}, {@code running}, {@code exited}, ...
 */
public record Replica(String id, String name, int slot, long created, String state) {

  public boolean running() {
    return "running".equals(state) || "restarting".equals(state);
  }
}
