package dev.vigil.workflows.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code workflows} a light, replay-safe module (STYLE.md "Habits"): no Micronaut, JDBC, HTTP
 * clients, actuator SDKs or logging frameworks anywhere in it, and no wall clock, randomness,
 * threads or file I/O in the workflow package (use {@code Workflow.currentTimeMillis()}, {@code
 * Workflow.randomUUID()}, {@code Workflow.getLogger}).
 */
class WorkflowPurityTest {

  private static final JavaClasses MODULE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.vigil.workflows");

  @Test
  void moduleDependsOnNoFrameworkJdbcHttpOrActuatorLibrary() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.vigil.workflows..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.micronaut..",
                "jakarta.inject..",
                "java.sql..",
                "javax.sql..",
                "org.postgresql..",
                "java.net.http..",
                "org.apache.hc..",
                "org.apache.http..",
                "okhttp3..",
                "com.github.dockerjava..",
                "io.fabric8..",
                "org.apache.kafka..")
            .because("workflows holds pure Temporal code that services and replay can load");
    rule.check(MODULE);
  }

  @Test
  void moduleUsesNoLoggingFrameworkButTheWorkflowLogger() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.vigil.workflows..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "ch.qos.logback..",
                "org.apache.logging..",
                "org.apache.log4j..",
                "java.util.logging..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.slf4j.LoggerFactory")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.slf4j.MDC")
            .because("workflow code logs through Workflow.getLogger, which is replay-aware");
    rule.check(MODULE);
  }

  @Test
  void workflowCodeUsesNoWallClockRandomnessThreadsOrFiles() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.vigil.workflows.workflow..")
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .orShould()
            .callMethod(UUID.class, "randomUUID")
            .orShould()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Random.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Thread.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("java.io..", "java.nio.file..", "java.util.concurrent..")
            .because("workflow code must replay deterministically");
    rule.check(MODULE);
  }
}
