package dev.vigil.launcher;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorInfo;
import dev.vigil.api.grpc.v1.VigilServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.File;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./vigil grpc}: calls one method of {@code vigil.v1.VigilService} with a JSON request and
 * prints the answer as JSON (one line per event for StreamEvents), for machines without grpcurl. It
 * is a plain client of the generated stubs: what it shows is what any gRPC client gets.
 */
public final class GrpcCall {
  static final String USAGE =
      """
      usage: vigil grpc [--server HOST:PORT] [--tls] [--ca FILE] [--max N] METHOD [JSON]
        METHOD   GetClusterInfo, GetFleetSummary, ListResources, GetResource, ListIncidents,
                 GetIncident, ExecuteAction, GetActionStatus, StreamEvents, CancelMitigation,
                 DecideApproval (api/src/main/proto/vigil/v1/vigil.proto)
        JSON     the request in protobuf JSON, e.g.
                 '{"resourceId": "docker/service/app", "action": "docker.scale", "params": {"replicas": "2"}}'
        --server where the API's gRPC port is (env VIGIL_GRPC_SERVER, default 127.0.0.1:9090)
        --tls    speak TLS (--ca FILE: trust this CA certificate instead of the system's)
        --max N  StreamEvents: stop after N events (default: until Ctrl-C)
      the bearer token is env VIGIL_TOKEN (else VIGIL_DEV_TOKEN, else dev-token)
      """;

  private GrpcCall() {}

  public static void main(String[] args) throws Exception {
    // stdout carries only the answer: no logback start-up status (the services' logback.xml
    // files share this classpath) and no log lines below WARN
    System.setProperty(
        "logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
    System.setProperty("VIGIL_LOG_FORMAT", "text");
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
      throws Exception {
    String server = env.getOrDefault("VIGIL_GRPC_SERVER", "127.0.0.1:9090");
    boolean tls = false;
    String ca = null;
    long max = Long.MAX_VALUE;
    String method = null;
    String json = "{}";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server" -> server = args[++i];
        case "--tls" -> tls = true;
        case "--ca" -> ca = args[++i];
        case "--max" -> max = Long.parseLong(args[++i]);
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        default -> {
          if (method == null) {
            method = args[i];
          } else {
            json = args[i];
          }
        }
      }
    }
    if (method == null) {
      err.print(USAGE);
      return 2;
    }
    MethodDescriptor<Message, Message> descriptor = descriptor(method);
    if (descriptor == null) {
      err.println("vigil grpc: no method " + method);
      err.print(USAGE);
      return 2;
    }
    Message request = request(descriptor, json);
    String token =
        env.getOrDefault("VIGIL_TOKEN", env.getOrDefault("VIGIL_DEV_TOKEN", "dev-token"));
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(server);
    if (tls) {
      builder.sslContext(
          ca == null
              ? GrpcSslContexts.forClient().build()
              : GrpcSslContexts.forClient().trustManager(new File(ca)).build());
    } else {
      builder.usePlaintext();
    }
    ManagedChannel managed = builder.build();
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    Channel channel =
        ClientInterceptors.intercept(managed, MetadataUtils.newAttachHeadersInterceptor(headers));
    JsonFormat.Printer printer = JsonFormat.printer();
    try {
      if (descriptor.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
        Iterator<Message> events =
            ClientCalls.blockingServerStreamingCall(
                channel, descriptor, CallOptions.DEFAULT, request);
        for (long n = 0; n < max && events.hasNext(); n++) {
          out.println(printer.omittingInsignificantWhitespace().print(events.next()));
          out.flush();
        }
      } else {
        Message answer =
            ClientCalls.blockingUnaryCall(
                channel,
                descriptor,
                CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                request);
        out.println(printer.print((MessageOrBuilder) answer));
      }
      return 0;
    } catch (StatusRuntimeException e) {
      err.println(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
      com.google.rpc.Status status = StatusProto.fromThrowable(e);
      if (status != null) {
        for (var detail : status.getDetailsList()) {
          if (detail.is(ErrorInfo.class)) {
            err.println(
                "  "
                    + printer
                        .omittingInsignificantWhitespace()
                        .print(detail.unpack(ErrorInfo.class)));
          }
        }
      }
      return 1;
    } finally {
      managed.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @SuppressWarnings("unchecked")
  static MethodDescriptor<Message, Message> descriptor(String name) {
    List<MethodDescriptor<?, ?>> methods =
        List.copyOf(VigilServiceGrpc.getServiceDescriptor().getMethods());
    return (MethodDescriptor<Message, Message>)
        methods.stream().filter(m -> name.equals(m.getBareMethodName())).findFirst().orElse(null);
  }

  static Message request(MethodDescriptor<Message, Message> descriptor, String json)
      throws Exception {
    Message prototype =
        ((MethodDescriptor.PrototypeMarshaller<Message>) descriptor.getRequestMarshaller())
            .getMessagePrototype();
    Message.Builder builder = prototype.newBuilderForType();
    JsonFormat.parser().merge(json, builder);
    return builder.build();
  }
}
