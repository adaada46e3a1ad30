# Sourced by ./vigil for the operator commands (fleet, get, describe, events, changes, cancel,
# approve, reject, act): builds the cli module when its sources changed and runs it. Its classpath
# (picocli and Jackson) is cached in cli/target/classpath.txt; the JVM flags favour start-up time.
VIGIL_CLI_CP=cli/target/classpath.txt

vigil_cli_stale() {
  [ -f "$VIGIL_CLI_CP" ] || return 0
  [ -d cli/target/classes/dev/vigil/cli ] || return 0
  [ -n "$(find pom.xml cli/pom.xml cli/src/main -newer "$VIGIL_CLI_CP" -print -quit)" ]
}

vigil_cli_build() {
  if ! vigil_cli_stale && [ -z "${VIGIL_REBUILD:-}" ]; then
    return 0
  fi
  echo "vigil: building the CLI..." >&2
  # -am: the test-scoped modules (api and its upstream) must resolve too; offline first
  local goals=(package -pl cli -am -DskipTests -Dspotless.check.skip=true)
  if ! ./mvnw -B -q -o "${goals[@]}" >/dev/null 2>&1; then
    ./mvnw -B -q "${goals[@]}" >&2
  fi
  touch "$VIGIL_CLI_CP"
}

# vigil_cli_run ARGS...: the CLI in the foreground, from the directory ./vigil was called from.
vigil_cli_run() {
  vigil_cli_build
  local classpath="$PWD/cli/target/classes:$(cat "$VIGIL_CLI_CP")"
  cd "$OLDPWD" # --config FILE is relative to where ./vigil was called from
  exec "$JAVA_HOME/bin/java" ${VIGIL_CLI_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xmx128m} \
    -cp "$classpath" dev.vigil.cli.VigilCli "$@"
}
