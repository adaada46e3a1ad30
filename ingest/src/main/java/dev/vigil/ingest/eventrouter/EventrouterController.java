package dev.vigil.ingest.eventrouter;

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

/** {@code POST /v1/ingest/k8s-events}: eventrouter output (an object, an array, or JSON lines). */
@Controller("/v1/ingest")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventrouterController {
  private final SignalIntake intake;
  private final EventrouterEvents events;

  public EventrouterController(SignalIntake intake, EventrouterEvents events) {
    this.intake = intake;
    this.events = events;
  }

  @Post(uri = "/k8s-events", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<IntakeReceipt> receive(
      @Body byte[] body, @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType) {
    return HttpResponse.accepted()
        .body(intake.accept(EventrouterEvents.SOURCE, contentType, body, events::parse));
  }
}
