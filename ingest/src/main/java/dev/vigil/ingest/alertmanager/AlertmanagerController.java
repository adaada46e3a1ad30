package dev.vigil.ingest.alertmanager;

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

/** {@code POST /v1/ingest/alertmanager}: Alertmanager's webhook receiver (version 4). */
@Controller("/v1/ingest")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertmanagerController {
  private final SignalIntake intake;
  private final AlertmanagerWebhook webhook;

  public AlertmanagerController(SignalIntake intake, AlertmanagerWebhook webhook) {
    this.intake = intake;
    this.webhook = webhook;
  }

  @Post(uri = "/alertmanager", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<IntakeReceipt> receive(
      @Body byte[] body, @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType) {
    return HttpResponse.accepted()
        .body(intake.accept(AlertmanagerWebhook.SOURCE, contentType, body, webhook::parse));
  }
}
