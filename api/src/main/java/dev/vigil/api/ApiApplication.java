package dev.vigil.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The Vigil API: resource state, incidents, cancel and approval signals, operator actions, the
 * event stream (SSE and WebSocket), over REST and gRPC.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Vigil API",
            version = "0.1",
            description =
                "Resource health state, fleet summary, incidents with their timeline, cancel and"
                    + " approval signals to running remediations, operator actions (one action of"
                    + " the catalog run through the storm guard, tracked to its end), and the event"
                    + " stream as server-sent events (GET /v1/events) or WebSocket (/v1/events/ws:"
                    + " send {\"eventTypes\": [...], \"namespaces\": [...], \"severities\":"
                    + " [...]} at any time; a client that falls behind is closed with 4001). The same"
                    + " operations are served over gRPC (vigil.v1.VigilService, port 9090)."
                    + " Errors are application/problem+json.",
            license = @License(name = "Apache-2.0")),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "A hashed token from vigil.security.tokens or a signed JWT; scopes state:read,"
            + " mitigation:write, approval:write, action:write")
public final class ApiApplication {
  private ApiApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(ApiApplication.class).banner(false).start();
  }
}
