package dev.vigil.web;

/**
 * Thrown by services to answer with a problem detail; {@link ProblemExceptionHandler} turns it into
 * the HTTP response, so services stay free of HTTP types.
 */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
