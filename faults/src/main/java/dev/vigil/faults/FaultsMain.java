package dev.vigil.faults;

import dev.vigil.faults.rig.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./vigil faults [--short] [--scenario N[,N...]] [--keep]}: starts the rig, runs the
 * scenarios, prints the table (stdout; progress on stderr) and exits 0 only when every invariant
 * held.
 */
public final class FaultsMain {
  static final String USAGE =
      """
      usage: ./vigil faults [--short] [--scenario N[,N...]] [--dir DIR]
        --short        the normal test run's sizes instead of the full ones
        --scenario     only these scenarios (1-9)
        --dir          where the rig keeps data and logs (default .vigil-faults/<time>)
      """;

  private FaultsMain() {}

  public static void main(String[] args) throws Exception {
    Scale scale = Scale.FULL;
    List<Integer> only = new ArrayList<>();
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--short" -> scale = Scale.SHORT;
        case "--scenario" -> {
          for (String n : args[++i].split(",")) {
            only.add(Integer.parseInt(n.trim()));
          }
        }
        case "--dir" -> dir = Path.of(args[++i]);
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return;
        }
        default -> {
          System.err.print("unknown option " + args[i] + "\n" + USAGE);
          System.exit(2);
        }
      }
    }
    Path repo = Path.of("").toAbsolutePath();
    if (dir == null) {
      dir =
          repo.resolve(".vigil-faults")
              .resolve(Instant.now().toString().replace(':', '-').toLowerCase(Locale.ROOT));
    }
    Files.createDirectories(dir);
    List<Scenario> scenarios = FaultSuite.all();
    List<Outcome> outcomes = new ArrayList<>();
    try (Rig rig = Rig.start(Rig.Options.defaults(dir, repo, System.err))) {
      String header = FaultTable.header(scale, rig.postgres().durability());
      for (int n = 1; n <= scenarios.size(); n++) {
        if (only.isEmpty() || only.contains(n)) {
          outcomes.add(FaultSuite.run(scenarios.get(n - 1), rig, scale));
        }
      }
      System.out.print(FaultTable.render(header, outcomes));
      System.out.println("data and logs: " + dir);
    }
    System.exit(outcomes.stream().allMatch(Outcome::passed) ? 0 : 1);
  }
}
