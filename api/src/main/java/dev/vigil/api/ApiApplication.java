package dev.vigil.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The Vigil API: resource state, incidents, cancel and approval signals, the event stream. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Vigil API",
            version = "0.1",
            description =
                "Resource health state, fleet summary, incidents with their timeline, cancel and"
                    + " approval signals to running remediations, and a server-sent event stream."
                    + " Errors are application/problem+json.",
            license = @License(name = "Apache-2.0")),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "A hashed token from vigil.security.tokens or a signed JWT; scopes state:read,"
            + " mitigation:write, approval:write")
public final class ApiApplication {
  private ApiApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(ApiApplication.class).banner(false).start();
  }
}
