# Sourced by ./vigil test: installs and starts what the tests talk to, where this machine allows.
#   - Debian packages: docker.io (a real Docker daemon), busybox-static (the test image),
#     prometheus (promtool checks the alert rules; the live demo's Prometheus),
#     prometheus-alertmanager (end-to-end ingest; the live demo's Alertmanager), haproxy (the live
#     demo's load balancer) and hey (its load generator).
#   - dockerd with vfs storage and host networking only (no iptables, no bridge).
# PostgreSQL and Kafka need nothing here: the tests start them from Maven artifacts.
VIGIL_TEST_PACKAGES="docker.io busybox-static prometheus prometheus-alertmanager haproxy hey"

vigil_install_test_packages() {
  local missing=""
  command -v dockerd >/dev/null || missing="$missing docker.io"
  [ -x /bin/busybox ] || missing="$missing busybox-static"
  command -v promtool >/dev/null || missing="$missing prometheus"
  command -v prometheus-alertmanager >/dev/null || missing="$missing prometheus-alertmanager"
  # /usr/sbin may be missing from a non-root PATH
  command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing="$missing haproxy"
  command -v hey >/dev/null || missing="$missing hey"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "vigil: installing Debian packages:$missing"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "vigil: missing$missing (not root or no apt-get): tests that need them will be skipped" >&2
  fi
}

vigil_docker_up() {
  docker_ok() { [ -S /var/run/docker.sock ] && curl -sf --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1; }
  docker_ok && return 0
  if ! command -v dockerd >/dev/null || [ "$(id -u)" != 0 ]; then
    echo "vigil: no Docker daemon and cannot start one: Docker tests will be skipped" >&2
    return 0
  fi
  echo "vigil: starting dockerd (vfs storage, host networking only)"
  mkdir -p "${VIGIL_DOCKER_ROOT:-/var/lib/docker}"
  nohup dockerd --storage-driver=vfs --iptables=false --bridge=none \
    --data-root="${VIGIL_DOCKER_ROOT:-/var/lib/docker}" >"${TMPDIR:-/tmp}/vigil-dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    docker_ok && return 0
    sleep 0.5
  done
  echo "vigil: dockerd did not come up, see ${TMPDIR:-/tmp}/vigil-dockerd.log" >&2
  return 1
}
