package dev.vigil.ingest.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Ingest's packages depend on each other in one direction (issue 13): receivers hand signals to
 * {@code intake}; {@code state} folds them, builds the observations and stores them through {@code
 * outbox}; {@code outbox} relays; {@code metrics} is a leaf; {@code backlog} reads both ends. A
 * cycle would mean a package can no longer be read without the one it is read from.
 */
class IngestPackagesTest {

  private static final JavaClasses MODULE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.vigil.ingest");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.vigil.ingest.(*)..").should().beFreeOfCycles().check(MODULE);
  }
}
