package dev.vigil.api.ops;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.yml}: the OpenAPI document the micronaut-openapi processor generated from the
 * controllers at compile time ({@code META-INF/swagger/vigil.yml}).
 */
@Controller
@Hidden
public class OpenApiController {
  static final String RESOURCE = "META-INF/swagger/vigil.yml";

  private final String document;

  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing: the build generates it");
      }
      this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get("/openapi.yml")
  public HttpResponse<String> document() {
    return HttpResponse.ok(document).contentType("application/yaml");
  }
}
