package dev.vigil.api.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a list: {@code nextCursor} is opaque; pass it back as {@code cursor} for the next
 * page. It is null on the last page.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, @Nullable String nextCursor) {

  /**
   * Builds a page from up to {@code limit + 1} rows: the extra row only says another page exists.
   */
  public static <T> Page<T> of(
      List<T> rows, int limit, java.util.function.Function<T, String> cursorOf) {
    if (rows.size() <= limit) {
      return new Page<>(List.copyOf(rows), null);
    }
    List<T> items = List.copyOf(rows.subList(0, limit));
    return new Page<>(items, cursorOf.apply(items.get(items.size() - 1)));
  }
}
