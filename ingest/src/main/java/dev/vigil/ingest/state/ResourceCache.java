package dev.vigil.ingest.state;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows a partition owner has read or written, least recently used first out once it holds
 * {@code capacity}: as the only writer of its partitions' resources, the owner can trust what it
 * wrote last instead of reading the row again for every batch. Entries of a partition the owner
 * gives up are dropped. Not thread-safe: one per owner thread.
 */
final class ResourceCache {
  private record Cached(ResourceState state, int partition) {}

  private final int capacity;
  private final LinkedHashMap<String, Cached> entries;

  ResourceCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > ResourceCache.this.capacity;
          }
        };
  }

  ResourceState get(String id) {
    Cached e = entries.get(id);
    return e == null ? null : e.state();
  }

  void put(ResourceState state, int partition) {
    entries.put(state.id(), new Cached(state, partition));
  }

  /** Forgets everything of these partitions (given up, or fenced by another owner). */
  void drop(Collection<Integer> partitions) {
    for (Iterator<Cached> it = entries.values().iterator(); it.hasNext(); ) {
      if (partitions.contains(it.next().partition())) {
        it.remove();
      }
    }
  }

  int size() {
    return entries.size();
  }
}
