package dev.vigil.api.grpc;

import dev.vigil.api.Caller;
import io.grpc.Context;

/** The authenticated caller of the current gRPC call, put into its context by {@link GrpcAuth}. */
final class GrpcCaller {
  static final Context.Key<Caller> KEY = Context.key("vigil.caller");

  private GrpcCaller() {}

  static Caller current() {
    Caller caller = KEY.get();
    if (caller == null) {
      throw new IllegalStateException("no caller: the call did not pass GrpcAuth");
    }
    return caller;
  }
}
