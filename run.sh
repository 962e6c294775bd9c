#!/usr/bin/env bash
# Runs the system on this machine. Needs only a JDK >= 21 (the Maven wrapper fetches the rest).
#
#   ./run.sh          build, start PostgreSQL (unless HUB_DB_URL names one) and every service, wait until all
#                     are healthy, print where they are; Ctrl-C stops everything
#   ./run.sh start    the same in the background; returns once everything is healthy
#   ./run.sh stop     stops what "start" started
#   ./run.sh reset    stops, then deletes the local data (.run/)
#
# Settings: HUB_DB_URL (+ HUB_DB_USER, HUB_DB_PASSWORD) for an existing PostgreSQL; HUB_ADMIN_CLIENT_ID and
# HUB_ADMIN_CLIENT_SECRET for the bootstrap state-admin client (default hub-admin and a secret kept in .run/);
# FEED_SECRET_KEY (encrypts stored credentials; default: a random key kept in .run/);
# ports: GATEWAY_PORT 8080, STUDENT_SERVICE_PORT 8081, ENROLLMENT_SERVICE_PORT 8082, FEED_SERVICE_PORT 8083,
# SIM_PORT 8090 (sis-simulator, SIM_STUDENTS students, default 1000), STATEHUB_PG_PORT 15432.
# The console (CONSOLE_PORT 8085) signs people in at Keycloak, started here from its distribution on Maven Central
# (KEYCLOAK_PORT 8180, KEYCLOAK_MANAGEMENT_PORT 9180; its data in the database KEYCLOAK_DB_URL, by default the
# local PostgreSQL's `keycloak` database), or at another OpenID Connect provider: CONSOLE_OIDC_ISSUER,
# CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_SECRET (docs/ADMIN-GUIDE.md, "The console").
set -euo pipefail
cd "$(dirname "$0")"
command="${1:-run}"
RUN=.run
mkdir -p "$RUN/logs"

stop_all() {
  if [ -f "$RUN/pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$RUN/pids"
    for _ in $(seq 1 30); do
      alive=0
      while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$RUN/pids"
      [ "$alive" = 0 ] && break
      sleep 1
    done
    rm -f "$RUN/pids"
  fi
}

case "$command" in
  stop) stop_all; echo "Stopped."; exit 0 ;;
  reset) stop_all; rm -rf "$RUN"; echo "Stopped; local data deleted."; exit 0 ;;
  run|start) ;;
  *) echo "usage: ./run.sh [start|stop|reset]" >&2; exit 2 ;;
esac

if [ -f "$RUN/pids" ]; then
  echo "The system seems to be running already (see $RUN/pids); './run.sh stop' first." >&2
  exit 1
fi
source scripts/java-home.sh
echo "Building (the first run downloads dependencies and takes a few minutes)..."
./mvnw -B -q install -DskipTests

launch() { # name, command...: start in the background, remember the pid
  local name=$1; shift
  nohup "$@" > "$RUN/logs/$name.log" 2>&1 &
  echo $! >> "$RUN/pids"
}

if [ -z "${HUB_DB_URL:-}" ]; then
  port="${STATEHUB_PG_PORT:-15432}"
  ./mvnw -B -q -pl edfi-test-support dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  cp="edfi-test-support/target/classes:$(cat edfi-test-support/target/classpath.txt)"
  : > "$RUN/logs/postgres.log"
  STATEHUB_PG_PORT="$port" STATEHUB_PG_DATA="$RUN/postgres" launch postgres java -cp "$cp" org.statehub.testing.DevPostgres
  for _ in $(seq 1 120); do grep -q "PostgreSQL ready" "$RUN/logs/postgres.log" && break; sleep 1; done
  grep -q "PostgreSQL ready" "$RUN/logs/postgres.log" || { echo "PostgreSQL did not start; see $RUN/logs/postgres.log" >&2; stop_all; exit 1; }
  HUB_DB_URL="jdbc:postgresql://localhost:${port}/statehub" HUB_DB_USER=statehub HUB_DB_PASSWORD=statehub
  KEYCLOAK_DB_URL="${KEYCLOAK_DB_URL:-jdbc:postgresql://localhost:${port}/keycloak}"
fi
export QUARKUS_DATASOURCE_JDBC_URL="$HUB_DB_URL"
export QUARKUS_DATASOURCE_USERNAME="${HUB_DB_USER:-statehub}" QUARKUS_DATASOURCE_PASSWORD="${HUB_DB_PASSWORD:-statehub}"

secret() { # name [bytes]: a generated secret kept in .run/ (made once, readable by this user only)
  [ -s "$RUN/$1" ] || (umask 077; head -c "${2:-24}" /dev/urandom | base64 -w0 | tr -d '/+=' > "$RUN/$1")
  cat "$RUN/$1"
}
export HUB_ADMIN_CLIENT_ID="${HUB_ADMIN_CLIENT_ID:-hub-admin}"
if [ -z "${HUB_ADMIN_CLIENT_SECRET:-}" ]; then
  HUB_ADMIN_CLIENT_SECRET="$(secret admin-secret)"
fi
export HUB_ADMIN_CLIENT_SECRET
if [ -z "${FEED_SECRET_KEY:-}" ]; then
  FEED_SECRET_KEY="$(secret feed-secret-key 32)"
fi
export FEED_SECRET_KEY
gateway_port="${GATEWAY_PORT:-8080}"
export GATEWAY_PUBLIC_URL="${GATEWAY_PUBLIC_URL:-http://localhost:$gateway_port}"
export OIDC_AUTH_SERVER_URL="${OIDC_AUTH_SERVER_URL:-$GATEWAY_PUBLIC_URL}" OIDC_ISSUER="${OIDC_ISSUER:-$GATEWAY_PUBLIC_URL}"
export OIDC_TOKEN_URL="${OIDC_TOKEN_URL:-$GATEWAY_PUBLIC_URL/oauth/token}"

# where the gateway finds the services' own APIs (/feed/v1, /conflicts/v1)
export FEED_SERVICE_URL="${FEED_SERVICE_URL:-http://localhost:${FEED_SERVICE_PORT:-8083}}"
export CONFLICT_SERVICE_URL="${CONFLICT_SERVICE_URL:-http://localhost:${CONFLICT_SERVICE_PORT:-8084}}"
# (each service switches Quarkus's own URI check off itself, in hub-http's HubMain, so that a URI java.net.URI
# cannot parse gets problem details from hub-http's HttpEdge: docs/API.md "Errors")
console_port="${CONSOLE_PORT:-8085}"
export CONSOLE_PORT="$console_port"
health_ports=()
if [ -z "${CONSOLE_OIDC_ISSUER:-}" ] && [ -n "${KEYCLOAK_DB_URL:-}" ]; then
  # Keycloak from its distribution on Maven Central (the version the console's tests use), unpacked once into .run/
  kc_version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' console/pom.xml)"
  kc_home="$RUN/keycloak/keycloak-$kc_version"
  if [ ! -f "$kc_home/bin/kc.sh" ]; then
    echo "Fetching Keycloak $kc_version (once)..."
    ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" \
      -DoutputDirectory="$RUN/keycloak"
    (cd "$RUN/keycloak" && jar xf "keycloak-quarkus-dist-$kc_version.zip" && rm "keycloak-quarkus-dist-$kc_version.zip")
  fi
  mkdir -p "$kc_home/data/import"
  cp console/keycloak/statehub-realm.json "$kc_home/data/import/"
  kc_port="${KEYCLOAK_PORT:-8180}" kc_management="${KEYCLOAK_MANAGEMENT_PORT:-9180}"
  export CONSOLE_OIDC_ISSUER="http://localhost:$kc_port/realms/statehub" CONSOLE_OIDC_SECRET="$(secret console-oidc-secret 48)"
  # the realm is imported at Keycloak's first start only: passwords changed since are kept
  CONSOLE_URL="http://localhost:$console_port" CONSOLE_LEA_ID="${CONSOLE_LEA_ID:-255901}" \
  CONSOLE_STATE_ADMIN_PASSWORD="$(secret stateadmin-password)" CONSOLE_LEA_MANAGER_PASSWORD="$(secret leamanager-password)" \
  CONSOLE_READER_PASSWORD="$(secret reader-password)" \
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(secret keycloak-admin-password)" \
  KC_DB=postgres KC_DB_URL="$KEYCLOAK_DB_URL" KC_DB_USERNAME="${KEYCLOAK_DB_USER:-${HUB_DB_USER:-statehub}}" \
  KC_DB_PASSWORD="${KEYCLOAK_DB_PASSWORD:-${HUB_DB_PASSWORD:-statehub}}" \
    launch keycloak bash "$kc_home/bin/kc.sh" start --http-enabled=true --http-port="$kc_port" \
      --http-management-port="$kc_management" --hostname-strict=false --health-enabled=true --import-realm
  health_ports+=("$kc_management:/health/ready")
  keycloak_info="  Console:         http://localhost:$console_port/
  Keycloak:        http://localhost:$kc_port/admin  (admin / $(cat "$RUN/keycloak-admin-password"))
  Console people:  stateadmin / $(cat "$RUN/stateadmin-password"), leamanager / $(cat "$RUN/leamanager-password") (LEA ${CONSOLE_LEA_ID:-255901}), reader / $(cat "$RUN/reader-password")"
elif [ -z "${CONSOLE_OIDC_ISSUER:-}" ]; then
  keycloak_info="  Console:         not started: with HUB_DB_URL set, set KEYCLOAK_DB_URL (a database for Keycloak) or
                   CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_SECRET (another OpenID Connect provider)"
else
  keycloak_info="  Console:         http://localhost:$console_port/  (people sign in at $CONSOLE_OIDC_ISSUER)"
fi
hub_java=(java)
launch gateway "${hub_java[@]}" -jar gateway/target/quarkus-app/quarkus-run.jar
launch student-service "${hub_java[@]}" -jar student-service/target/quarkus-app/quarkus-run.jar
launch enrollment-service "${hub_java[@]}" -jar enrollment-service/target/quarkus-app/quarkus-run.jar
HUB_URL="${HUB_URL:-$GATEWAY_PUBLIC_URL}" launch feed-service "${hub_java[@]}" -jar feed-service/target/quarkus-app/quarkus-run.jar
launch conflict-service "${hub_java[@]}" -jar conflict-service/target/quarkus-app/quarkus-run.jar
launch sis-simulator java -jar sis-simulator/target/quarkus-app/quarkus-run.jar
if [ -n "${CONSOLE_OIDC_ISSUER:-}" ]; then
  # quarkus-oidc reaches the provider at its first request, so the console starts before Keycloak is ready
  launch console java -jar console/target/quarkus-app/quarkus-run.jar
  health_ports+=("$console_port:/q/health/ready")
fi

for check in "$gateway_port" "${STUDENT_SERVICE_PORT:-8081}" "${ENROLLMENT_SERVICE_PORT:-8082}" \
    "${FEED_SERVICE_PORT:-8083}" "${CONFLICT_SERVICE_PORT:-8084}" "${SIM_PORT:-8090}" ${health_ports[@]+"${health_ports[@]}"}; do
  port="${check%%:*}" path="/q/health/ready"
  [ "$check" = "$port" ] || path="${check#*:}"
  ok=0
  for _ in $(seq 1 180); do
    if curl -fs "http://localhost:$port$path" > /dev/null 2>&1; then ok=1; break; fi
    sleep 1
  done
  [ "$ok" = 1 ] || { echo "The service on port $port did not become healthy; see $RUN/logs/." >&2; stop_all; exit 1; }
done

cat <<INFO
All services are healthy.
  API (gateway):   $GATEWAY_PUBLIC_URL/          tokens: $GATEWAY_PUBLIC_URL/oauth/token
  Swagger UI:      $GATEWAY_PUBLIC_URL/q/swagger-ui  (the whole API: $GATEWAY_PUBLIC_URL/metadata/openapi.json)
  Feeds:           http://localhost:${FEED_SERVICE_PORT:-8083}/feed/v1/connections  (StateAdmin token)
  Duplicates:      http://localhost:${CONFLICT_SERVICE_PORT:-8084}/conflicts/v1/duplicates  (any hub token)
  SIS simulator:   http://localhost:${SIM_PORT:-8090}/vendor/v1/students  (admin: /admin/v1/district)
  Admin client:    $HUB_ADMIN_CLIENT_ID / $HUB_ADMIN_CLIENT_SECRET
$keycloak_info
  Logs:            $RUN/logs/
INFO

if [ "$command" = start ]; then
  echo "Running in the background; './run.sh stop' stops it."
  exit 0
fi
trap 'trap - EXIT INT TERM; stop_all; echo "Stopped."' EXIT INT TERM
echo "Press Ctrl-C to stop."
while read -r pid; do
  while kill -0 "$pid" 2>/dev/null; do sleep 2; done
  echo "A process exited; see $RUN/logs/." >&2
  break
done < "$RUN/pids"
