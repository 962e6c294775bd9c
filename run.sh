#!/usr/bin/env bash
# Runs the system on this machine: builds it, starts PostgreSQL (unless QUARKUS_DATASOURCE_JDBC_URL names one),
# then the services. Ctrl-C stops everything. Needs only a JDK >= 21.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh

echo "Building (first run downloads dependencies; this takes a few minutes)..."
./mvnw -B -q install -DskipTests

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

mkdir -p .data/logs
if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  port="${STATEHUB_PG_PORT:-15432}"
  ./mvnw -B -q -pl edfi-test-support dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  cp="edfi-test-support/target/classes:$(cat edfi-test-support/target/classpath.txt)"
  STATEHUB_PG_PORT="$port" java -cp "$cp" org.statehub.testing.DevPostgres > .data/logs/postgres.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    grep -q "PostgreSQL ready" .data/logs/postgres.log 2>/dev/null && break
    sleep 1
  done
  grep -q "PostgreSQL ready" .data/logs/postgres.log || { echo "PostgreSQL did not start; see .data/logs/postgres.log" >&2; exit 1; }
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:${port}/statehub"
  export QUARKUS_DATASOURCE_USERNAME=statehub QUARKUS_DATASOURCE_PASSWORD=statehub
  echo "PostgreSQL on port $port (data in .data/postgres)"
fi

start() { # name
  java -jar "$1/target/quarkus-app/quarkus-run.jar" > ".data/logs/$1.log" 2>&1 &
  pids+=($!)
  echo "Started $1 (log: .data/logs/$1.log)"
}
# the bootstrap state-admin API client: HUB_ADMIN_CLIENT_ID/HUB_ADMIN_CLIENT_SECRET, else one kept in .data/
export HUB_ADMIN_CLIENT_ID="${HUB_ADMIN_CLIENT_ID:-hub-admin}"
if [ -z "${HUB_ADMIN_CLIENT_SECRET:-}" ]; then
  [ -s .data/admin-secret ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > .data/admin-secret)
  HUB_ADMIN_CLIENT_SECRET="$(cat .data/admin-secret)"
fi
export HUB_ADMIN_CLIENT_SECRET

start gateway
start student-service
start enrollment-service

echo "gateway (the API):  http://localhost:${GATEWAY_PORT:-8080}/  (tokens: /oauth/token, admin API: /admin/v1/clients)"
echo "student-service:    http://localhost:${STUDENT_SERVICE_PORT:-8081}/data/v3/ed-fi/students"
echo "enrollment-service: http://localhost:${ENROLLMENT_SERVICE_PORT:-8082}/data/v3/ed-fi/schools"
echo "Each serves its OpenAPI at /q/openapi (Swagger UI at /q/swagger-ui) and health at /q/health."
echo "State-admin client: $HUB_ADMIN_CLIENT_ID / $HUB_ADMIN_CLIENT_SECRET"
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}"
echo "A process exited; see .data/logs/." >&2
