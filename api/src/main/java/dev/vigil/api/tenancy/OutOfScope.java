package dev.vigil.api.tenancy;

import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A request about something the caller's token does not see: answered as 404, word for word what a
 * missing one gets (another org's resources are not even confirmed to exist), but audited as {@code
 * out_of_scope}, so an operator reading the audit log tells a probe from a typo.
 */
public class OutOfScope extends ProblemException {
  public OutOfScope(String detail) {
    super(Problems.notFound(detail));
  }

  /**
   * Throws unless the current row's {@code visible} column (a {@link Tenancy#visibleSql} condition
   * selected as {@code visible}) holds; {@code detail} is what a missing row would answer.
   */
  public static void unlessVisible(ResultSet rs, String detail) throws SQLException {
    if (!rs.getBoolean("visible")) {
      throw new OutOfScope(detail);
    }
  }
}
