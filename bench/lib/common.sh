# Shared by the bench scripts (source it from the project root): a work folder, background processes that are
# stopped on exit, a fresh PostgreSQL from the embedded binaries, and a wait for a service's health.

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
  ./mvnw -B -q -pl edfi-test-support dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  local cp="edfi-test-support/target/classes:$(cat edfi-test-support/target/classpath.txt)"
  STATEHUB_PG_PORT="$1" STATEHUB_PG_DATA="$work/postgres" java -cp "$cp" org.statehub.testing.DevPostgres \
    > "$work/postgres.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do grep -q "PostgreSQL ready" "$work/postgres.log" && break; sleep 1; done
  grep -q "PostgreSQL ready" "$work/postgres.log" || { echo "PostgreSQL did not start; see $work/postgres.log" >&2; exit 1; }
  export PGPASSWORD=statehub
}

# bench_ready PORT...: waits until each service answers its readiness check.
bench_ready() {
  local port
  for port in "$@"; do
    for _ in $(seq 1 120); do curl -fs "http://localhost:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  done
}
