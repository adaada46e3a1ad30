package dev.vigil.ingest.signals;

import dev.vigil.ingest.intake.IntakeReceipt;
import dev.vigil.ingest.intake.SignalIntake;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /v1/ingest/signals}: envelopes, or CloudEvents 1.0 in structured ({@code
 * application/cloudevents+json}) or batch ({@code application/cloudevents-batch+json}) mode.
 */
@Controller("/v1/ingest")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignalsController {
  public static final String SOURCE = "signals";

  private final SignalIntake intake;
  private final SignalsBody signals;

  public SignalsController(SignalIntake intake, SignalsBody signals) {
    this.intake = intake;
    this.signals = signals;
  }

  @Post(uri = "/signals", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<IntakeReceipt> receive(
      @Body byte[] body, @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType) {
    return HttpResponse.accepted()
        .body(intake.accept(SOURCE, contentType, body, bytes -> signals.parse(bytes, contentType)));
  }
}
