# Sourced by ./vigil (dev, demo): builds the launcher and its upstream modules when sources changed,
# and caches the runtime classpath in launcher/target/classpath.txt.
VIGIL_LAUNCHER_CP=launcher/target/classpath.txt

vigil_launcher_stale() {
  [ -f "$VIGIL_LAUNCHER_CP" ] || return 0
  [ -d launcher/target/classes ] || return 0
  # any pom or main source/resource newer than the cached classpath
  [ -n "$(find . -path ./.vigil-dev -prune -o -path ./.git -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -newer "$VIGIL_LAUNCHER_CP" -print -quit)" ]
}

vigil_launcher_build() {
  if ! vigil_launcher_stale && [ -z "${VIGIL_REBUILD:-}" ]; then
    return 0
  fi
  echo "vigil: building the launcher (ingest, api, worker and their modules)..." >&2
  local goals=(package dependency:build-classpath "-Dmdep.outputFile=$PWD/$VIGIL_LAUNCHER_CP"
    -Dmdep.includeScope=runtime -pl launcher -am -DskipTests -Dspotless.check.skip=true)
  # offline first (fast when ~/.m2 is warm), online on a fresh machine
  if ! ./mvnw -B -q -o "${goals[@]}" >/dev/null 2>&1; then
    ./mvnw -B -q "${goals[@]}"
  fi
  touch "$VIGIL_LAUNCHER_CP"
}

# vigil_launcher_run MAIN_CLASS ARGS...: runs a launcher main in the foreground (Ctrl-C reaches it).
vigil_launcher_run() {
  local main="$1"
  shift
  vigil_launcher_build
  exec java ${VIGIL_JAVA_OPTS:--Xmx1g} -cp "launcher/target/classes:$(cat "$VIGIL_LAUNCHER_CP")" "$main" "$@"
}
