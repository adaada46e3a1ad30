package dev.vigil.api.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's problem details as gRPC statuses: the code for the HTTP status, the detail as the
 * message, and in the details a {@code google.rpc.ErrorInfo} (reason: the problem's slug, domain
 * {@code vigil.dev}, metadata: type, title, field) plus a {@code google.rpc.BadRequest} naming the
 * field of bad input.
 */
final class GrpcErrors {
  static final String DOMAIN = "vigil.dev";
  private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static Status.Code code(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> Status.Code.INVALID_ARGUMENT;
      case 401 -> Status.Code.UNAUTHENTICATED;
      case 403 -> Status.Code.PERMISSION_DENIED;
      case 404 -> Status.Code.NOT_FOUND;
      case 409 -> Status.Code.FAILED_PRECONDITION;
      case 413, 429 -> Status.Code.RESOURCE_EXHAUSTED;
      case 503 -> Status.Code.UNAVAILABLE;
      default -> Status.Code.INTERNAL;
    };
  }

  static StatusRuntimeException of(Problem problem) {
    String slug =
        problem.type().startsWith(Problem.TYPE_BASE)
            ? problem.type().substring(Problem.TYPE_BASE.length())
            : problem.type();
    ErrorInfo.Builder info =
        ErrorInfo.newBuilder()
            .setReason(slug)
            .setDomain(DOMAIN)
            .putMetadata("type", problem.type())
            .putMetadata("title", problem.title())
            .putMetadata("status", Integer.toString(problem.status()));
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder()
            .setCode(code(problem.status()).value())
            .setMessage(problem.detail() == null ? problem.title() : problem.detail());
    if (problem.field() != null) {
      info.putMetadata("field", problem.field());
    }
    status.addDetails(Any.pack(info.build()));
    if (problem.field() != null && problem.status() == 400) {
      status.addDetails(
          Any.pack(
              BadRequest.newBuilder()
                  .addFieldViolations(
                      BadRequest.FieldViolation.newBuilder()
                          .setField(problem.field())
                          .setDescription(problem.detail() == null ? "" : problem.detail()))
                  .build()));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }

  /** Whatever a service threw, as the status to answer with. */
  static StatusRuntimeException of(Throwable error, String method) {
    if (error instanceof ProblemException problem) {
      return of(problem.problem());
    }
    if (error instanceof StatusRuntimeException status) {
      return status;
    }
    // never echo internals (SQL, stack traces) to a caller: the log has them
    LOG.error("gRPC {} failed", method, error);
    return of(
        Problem.of(
            "internal-error",
            "Internal error",
            500,
            "internal error; the service log has the details"));
  }
}
