package dev.vigil.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.faults.rig.AlertmanagerProcess;
import dev.vigil.faults.rig.Rig;
import dev.vigil.faults.scenario.AuthorizationMatrix;
import dev.vigil.faults.scenario.HostileInput;
import dev.vigil.faults.scenario.IngestInstanceKilled;
import dev.vigil.faults.scenario.IngestKilledMidBatch;
import dev.vigil.faults.scenario.KafkaDown;
import dev.vigil.faults.scenario.PostgresDown;
import dev.vigil.faults.scenario.TemporalDown;
import dev.vigil.faults.scenario.WorkerKilledMidAction;
import dev.vigil.faults.scenario.WorkerPartitioned;
import dev.vigil.testkit.TestDocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Every scenario of {@code ./vigil faults} at the short scale, against one rig: ingest, api and
 * worker as separate JVMs over a real PostgreSQL, Kafka broker, Temporal test server, Docker daemon
 * and Alertmanager. Each test is one scenario and fails on any broken invariant (lost, doubled, an
 * unexpected 5xx, a probe too slow, a process restarted); the table is printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteE2E {
  private Rig rig;
  private final List<Outcome> outcomes = new ArrayList<>();

  @BeforeAll
  @Timeout(300)
  void startRig() throws Exception {
    TestDocker.assumeAvailable();
    if (AlertmanagerProcess.binary() == null && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("prometheus-alertmanager is not installed, and CI=true");
    }
    Path repo = Path.of("").toAbsolutePath().getParent();
    rig =
        Rig.start(
            Rig.Options.defaults(
                Path.of("target", "faults-rig").toAbsolutePath(), repo, System.out));
  }

  @AfterAll
  void stopRig() {
    if (rig != null) {
      System.out.print(
          FaultTable.render(FaultTable.header(Scale.SHORT, rig.postgres().durability()), outcomes));
      rig.close();
    }
  }

  private void assertScenario(Scenario scenario) {
    Outcome outcome = FaultSuite.run(scenario, rig, Scale.SHORT);
    outcomes.add(outcome);
    assertThat(outcome.violations()).as(scenario.name()).isEmpty();
    assertThat(outcome.lost()).isZero();
    assertThat(outcome.doubled()).isZero();
    assertThat(outcome.http5xxCount()).isZero();
  }

  @Test
  @Order(1)
  @Timeout(300)
  void workerKilledMidAction_leavesExactlyTheDesiredReplicas_createdOnce() {
    assertScenario(new WorkerKilledMidAction());
  }

  @Test
  @Order(2)
  @Timeout(300)
  void ingestKilledMidBatch_appliesEverySignalExactlyOnce() {
    assertScenario(new IngestKilledMidBatch());
  }

  @Test
  @Order(3)
  @Timeout(300)
  void temporalDown_ingestKeepsAccepting_andOneWorkflowPerResourceAfter() {
    assertScenario(new TemporalDown());
  }

  @Test
  @Order(4)
  @Timeout(300)
  void postgresStoppedThenKilled_ingestAccepts_readinessSaysSo_nothingLost() {
    assertScenario(new PostgresDown());
  }

  @Test
  @Order(5)
  @Timeout(300)
  void kafkaStopped_ingestAnswers503_alertmanagerRetries_everyAlertArrives() {
    assertScenario(new KafkaDown());
  }

  @Test
  @Order(6)
  @Timeout(300)
  void workerPartitionedFromTemporal_actionNotDoubled() {
    assertScenario(new WorkerPartitioned());
  }

  @Test
  @Order(7)
  @Timeout(300)
  void hostileInput_isRefusedWith4xxProblems_nothingWritten_poisonOnTheDlq() {
    assertScenario(new HostileInput());
  }

  @Test
  @Order(8)
  @Timeout(300)
  void authorizationMatrix_answersAsDocumented_auditsMutations_leaksNoSecret() {
    assertScenario(new AuthorizationMatrix());
  }

  @Test
  @Order(9)
  @Timeout(300)
  void ingestInstanceKilledMidStream_survivorTakesOver_nothingLostOrDoubled() {
    assertScenario(new IngestInstanceKilled());
  }
}
