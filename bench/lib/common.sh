# Sourced first by every bench script (`source "$(dirname "$0")/lib/common.sh"`): strict mode, the project root as
# the working folder and a JDK >= 21 (scripts/java-home.sh); then what the scripts share: required tools, a work
# folder, background processes that are stopped on exit, a fresh PostgreSQL from the embedded binaries, the settings
# every hub service reads, a wait for a service's health, the gateway with the two API services, and a token
# from the gateway.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/java-home.sh

# bench_require TOOL...: stops with the Debian package to install when one of the tools is missing.
bench_require() {
  local tool package
  for tool in "$@"; do
    case "$tool" in psql | pgbench) package=postgresql-client ;; *) package="$tool" ;; esac
    command -v "$tool" >/dev/null || { echo "error: $tool is needed (Debian: apt-get install $package)" >&2; exit 1; }
  done
}

# bench_loaded TABLE RESOURCE COUNT STARTED: after a bulk load begun at STARTED (date +%s.%N), stops unless TABLE
# holds COUNT items of RESOURCE; sets load_seconds and table_mb (TABLE's size with its indexes, MB).
bench_loaded() {
  load_seconds=$(echo "$(date +%s.%N) - $4" | bc)
  local loaded
  loaded=$(sql "SELECT count(*) FROM $1 WHERE resource = '$2'")
  [ "$loaded" = "$3" ] || { echo "loaded $loaded items of $2, not $3" >&2; exit 1; }
  table_mb=$(sql "SELECT pg_total_relation_size('$1') / 1048576")
}

# bench_start WORK_DIR: (re)creates the work folder and stops every bench_launch-ed process on exit.
bench_start() {
  work="$1"
  rm -rf "$work" && mkdir -p "$work"
  pids=()
  trap bench_cleanup EXIT INT TERM
}

bench_cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }

# bench_postgres PORT: a fresh PostgreSQL (user, password and database statehub) with its data under $work.
bench_postgres() {
  ./mvnw -B -q -pl edfi-test-support compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  local cp="edfi-test-support/target/classes:$(cat edfi-test-support/target/classpath.txt)"
  STATEHUB_PG_PORT="$1" STATEHUB_PG_DATA="$work/postgres" java -cp "$cp" org.statehub.testing.DevPostgres \
    > "$work/postgres.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do grep -q "PostgreSQL ready" "$work/postgres.log" && break; sleep 1; done
  grep -q "PostgreSQL ready" "$work/postgres.log" || { echo "PostgreSQL did not start; see $work/postgres.log" >&2; exit 1; }
  export PGPASSWORD=statehub
  bench_pg_port="$1"
}

# psql_bench ARGS...: psql on the bench_postgres database, stopping at the first error; sql STATEMENT: one
# statement's rows, unaligned.
psql_bench() { psql -q -h localhost -p "$bench_pg_port" -U statehub -d statehub -v ON_ERROR_STOP=1 "$@"; }
sql() { psql_bench -tA -c "$1"; }

# bench_hub_env GATEWAY_PORT: what every hub service reads: the bench_postgres database, quiet logs, the
# bootstrap state admin (a fresh secret per run) and the gateway as the token issuer.
bench_hub_env() {
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$bench_pg_port/statehub"
  export QUARKUS_DATASOURCE_USERNAME=statehub QUARKUS_DATASOURCE_PASSWORD=statehub QUARKUS_LOG_CONSOLE_LEVEL=WARN
  export HUB_ADMIN_CLIENT_ID=bench-admin HUB_ADMIN_CLIENT_SECRET="bench-$RANDOM-$RANDOM-secret"
  export GATEWAY_PUBLIC_URL="http://localhost:$1" OIDC_AUTH_SERVER_URL="http://localhost:$1"
  export OIDC_ISSUER="http://localhost:$1" OIDC_TOKEN_URL="http://localhost:$1/oauth/token"
}

# launch NAME COMMAND...: runs COMMAND in the background, its output in $work/NAME.log, stopped on exit.
launch() { local name=$1; shift; "$@" > "$work/$name.log" 2>&1 & pids+=($!); }

# bench_ready PORT...: waits until each service answers its readiness check; fails the run if one does not.
bench_ready() {
  local port
  for port in "$@"; do
    for _ in $(seq 1 120); do curl -fs "http://localhost:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
    curl -fs "http://localhost:$port/q/health/ready" > /dev/null 2>&1 \
      || { echo "the service on port $port did not start; see $work/*.log" >&2; exit 1; }
  done
}

# bench_hub_services GATEWAY_PORT STUDENT_PORT ENROLLMENT_PORT: the gateway, then student-service and
# enrollment-service (each told where the other is), from their packaged jars with the settings exported so far
# (bench_hub_env's and the script's); returns when all three are ready, their process ids in gateway_pid,
# student_pid and enrollment_pid.
bench_hub_services() {
  export STUDENT_SERVICE_URL="http://localhost:$2" ENROLLMENT_SERVICE_URL="http://localhost:$3"
  GATEWAY_PORT=$1 launch gateway java -jar gateway/target/quarkus-app/quarkus-run.jar
  gateway_pid=${pids[-1]}
  bench_ready "$1"
  STUDENT_SERVICE_PORT=$2 launch student-service java -jar student-service/target/quarkus-app/quarkus-run.jar
  student_pid=${pids[-1]}
  ENROLLMENT_SERVICE_PORT=$3 launch enrollment-service java -jar enrollment-service/target/quarkus-app/quarkus-run.jar
  enrollment_pid=${pids[-1]}
  bench_ready "$2" "$3"
}

# token_of CLIENT SECRET: an access token from the gateway (bench_hub_env's) for that client.
token_of() {
  curl -fs -u "$1:$2" -d grant_type=client_credentials "$OIDC_TOKEN_URL" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# bench_post BASE_URL TOKEN PATH BODY [STATUSES]: a POST that fails the run unless it answers one of STATUSES
# (default "200 201"); the answer is in $work/last-answer.json.
bench_post() {
  local status
  status=$(curl -s -o "$work/last-answer.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $2" \
    -H 'Content-Type: application/json' "$1$3" -d "$4")
  case " ${5:-200 201} " in *" $status "*) ;; *) echo "POST $3 answered $status: $(cat "$work/last-answer.json")" >&2; exit 1 ;; esac
}

# bench_descriptors_replicated: waits (up to 2 minutes) until student-service has copied enrollment-service's
# descriptors into its replica: it validates the descriptors of a student against them.
bench_descriptors_replicated() {
  for _ in $(seq 1 120); do
    [ "$(sql "SELECT count(*) FROM student.replica_item WHERE resource = 'sexDescriptors'" 2>/dev/null || echo 0)" -gt 0 ] && break
    sleep 1
  done
}

# bench_cpu_ms PID: CPU time (user + system, ms) a process has used so far, with its children: reaped ones
# (cutime/cstime) and live ones (e.g. PostgreSQL's backends under the postmaster). 0 when it is gone.
bench_cpu_ms() {
  # in /proc/N/stat: the pid, then after the command's closing parenthesis ppid is the 2nd field and utime..cstime
  # the 12th..15th (cat goes on past processes that end meanwhile)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v p="$1" -v tck="$(getconf CLK_TCK)" '
    { pid = $1; line = $0; sub(/^.*\) /, "", line); split(line, f, " ")
      if (pid == p || f[2] == p) total += f[12] + f[13] + f[14] + f[15] }
    END { printf "%d\n", total * 1000 / tck }'
}

# bench_postmaster_pid: the PostgreSQL server started by bench_postgres (its backends are its children).
bench_postmaster_pid() { head -1 "$work/postgres/postmaster.pid"; }
