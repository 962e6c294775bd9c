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
