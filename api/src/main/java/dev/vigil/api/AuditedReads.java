package dev.vigil.api;

import dev.vigil.web.audit.AuditEntry;
import dev.vigil.web.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a read of resource or incident data and writes its {@code audit_log} row (who, what, when,
 * with which filter, and how it ended: {@code ok}, {@code not_found}, ...), like {@link
 * AuditedMutations} for mutations. A mutation's row is written before it answers; a read's rows are
 * queued and written in batches every {@link #FLUSH_EVERY_MS} ms by one thread, so a dashboard
 * polling the API costs one insert batch, not one commit per request. A full queue makes the reader
 * write its own row. Every transport (REST, SSE, WebSocket, gRPC) goes through here.
 */
@Singleton
public class AuditedReads {
  static final long FLUSH_EVERY_MS = 200;
  private static final int BATCH = 500;

  private final AuditLog audit;
  private final AuditedMutations entries;
  private final boolean enabled;
  private final BlockingQueue<AuditEntry> queue = new ArrayBlockingQueue<>(10_000);
  private final ReentrantLock writing = new ReentrantLock();
  private final Thread writer;
  private volatile boolean closed;

  public AuditedReads(AuditLog audit, AuditedMutations entries, ApiConfig config) {
    this.audit = audit;
    this.entries = entries;
    this.enabled = config.auditReads();
    this.writer = Thread.ofPlatform().daemon().name("vigil-read-audit").unstarted(this::drain);
    if (enabled) {
      writer.start();
    }
  }

  /** Runs {@code read} for {@code caller} and records it, whatever the outcome. */
  public <T> T run(
      Caller caller, String action, String target, @Nullable Object query, Supplier<T> read) {
    return AuditedMutations.audited(
        read, "ok", 200, (result, status) -> record(caller, action, target, query, result, status));
  }

  /** Records a read that is not one call (an event stream opened or refused). */
  public void record(
      Caller caller,
      String action,
      String target,
      @Nullable Object query,
      String result,
      int status) {
    if (!enabled) {
      return;
    }
    AuditEntry entry = entries.entry(caller, action, target, query, result, status);
    if (closed || !queue.offer(entry)) {
      audit.record(entry);
    }
  }

  /** Writes every queued row now (tests, shutdown). */
  public void flush() {
    writing.lock();
    try {
      List<AuditEntry> batch = new ArrayList<>();
      while (queue.drainTo(batch, BATCH) > 0) {
        audit.recordAll(batch);
        batch.clear();
      }
    } finally {
      writing.unlock();
    }
  }

  private void drain() {
    while (!closed) {
      try {
        Thread.sleep(FLUSH_EVERY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      flush();
    }
  }

  @PreDestroy
  void close() {
    closed = true;
    writer.interrupt();
    flush();
  }
}
