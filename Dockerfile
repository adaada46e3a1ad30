# syntax=docker/dockerfile:1.7
# One image for Vigil's three services; the first argument picks the service:
#   docker run --rm -p 8080:8080 IMAGE ingest|api|worker   (api: also -p 9090:9090 -e VIGIL_GRPC_HOST=0.0.0.0 for gRPC)
# Build from the repository root:  docker build -t vigil:dev .
# The Helm chart (helm/vigil) runs it with args ["ingest"], ["api"] or ["worker"].

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# Package the services and their upstream modules, and copy each service's runtime dependencies
# to <service>/target/dependency, in one reactor run (upstream modules resolve to their jars).
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl ingest,api,worker -am \
      package dependency:copy-dependencies -DincludeScope=runtime
RUN set -eu; \
    for svc in ingest api worker; do \
      mkdir -p "/out/$svc/lib"; \
      cp "$svc"/target/dependency/*.jar "/out/$svc/lib/"; \
      find "$svc/target" -maxdepth 1 -name "vigil-$svc-*.jar" \
        ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name '*-tests.jar' \
        -exec cp {} "/out/$svc/lib/" \; ; \
    done

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 vigil \
 && useradd --system --uid 10001 --gid vigil --home-dir /opt/vigil --shell /usr/sbin/nologin vigil
COPY --from=build /out/ /opt/vigil/
COPY --chmod=0755 <<'SCRIPT' /opt/vigil/bin/vigil
#!/bin/sh
# Starts one Vigil service from its lib directory: vigil ingest|api|worker
set -eu
service="${1:-}"
case "$service" in
  ingest) main=dev.vigil.ingest.IngestApplication ;;
  api)    main=dev.vigil.api.ApiApplication ;;
  worker) main=dev.vigil.worker.WorkerApplication ;;
  *) echo "usage: vigil ingest|api|worker" >&2; exit 64 ;;
esac
shift
exec java -cp "/opt/vigil/$service/lib/*" "$main" "$@"
SCRIPT
# Container-aware heap; the chart overrides it per service (JAVA_TOOL_OPTIONS).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
WORKDIR /opt/vigil
EXPOSE 8080 9090
ENTRYPOINT ["/opt/vigil/bin/vigil"]
CMD ["api"]
