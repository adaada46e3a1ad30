package dev.vigil.activities;

import dev.vigil.store.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The three ways this module's repositories run a named statement over {@link JdbcOperations}: a
 * write, a count, a row by key. Parameters are bound in order by {@link Sql#bind} (an {@link
 * java.time.Instant} as a UTC {@code timestamptz}, a null as a value of the type the statement
 * infers), so a repository method reads as its statement's name and the values it binds.
 *
 * <p>{@link JdbcOperations} runs them on the connection of the caller's transaction or connection
 * scope; the repositories say which scope their callers open.
 */
public final class Statements {
  private Statements() {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs an insert, update or delete; returns how many rows it wrote. */
  public static int update(JdbcOperations jdbc, String sql, Object... params) {
    return jdbc.prepareStatement(
        sql,
        ps -> {
          Sql.bind(ps, Arrays.asList(params));
          return ps.executeUpdate();
        });
  }

  /** Runs a {@code select count(*)}. */
  public static long count(JdbcOperations jdbc, String sql, Object... params) {
    return jdbc.prepareStatement(
        sql,
        ps -> {
          Sql.bind(ps, Arrays.asList(params));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Runs a query for at most one row (by a unique key); empty when there is none. */
  public static <T> Optional<T> one(
      JdbcOperations jdbc, String sql, RowMapper<T> row, Object... params) {
    return jdbc.prepareStatement(
        sql,
        ps -> {
          Sql.bind(ps, Arrays.asList(params));
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
          }
        });
  }
}
