#!/usr/bin/env bash
# Benchmark: conflict-service's duplicate matcher on labelled synthetic students (no service, no database).
#  1. Quality: BENCH_RECORDS records (default 100,000) from the labelled generator (distinct people, 10% extra
#     records of them with corruptions at fixed rates, 2% twins and 2% siblings who are different people), each
#     checked against the records before it through the blocking index, as the service checks each new student.
#     Reports precision and recall at the threshold, recall per corruption kind, a threshold sweep and the
#     blocking cost.
#  2. Speed: an in-memory blocking index of BENCH_INDEX records (default 1,000,000) from another seed, then
#     2 x BENCH_QUERIES look-ups (half extra records of indexed people, half new people), timed one by one after
#     a warm-up: p50/p95/p99 of prepare + blocks + scoring on one thread.
# Runs org.statehub.conflict.quality.MatcherQuality from the packaged service (its quarkus-app class path) and
# writes the report to bench/results/matcher-quality-<time>.md. Needs a JDK >= 21 and about 3 GB of heap.
#
# Settings: BENCH_RECORDS (100000), BENCH_INDEX (1000000), BENCH_QUERIES (5000), BENCH_SEED (20250101; the
# threshold was chosen on seed 1, so report other seeds), BENCH_THRESHOLD (the matcher's default, 0.65),
# BENCH_MAX_BLOCK (1000), BENCH_HEAP (4g), BENCH_SKIP_BUILD=1 to use the jar already packaged,
# BENCH_CORRUPTIONS (standard, or harsh: SyntheticStudents.Corruptions.HARSH adds what real data has).
source "$(dirname "$0")/lib/common.sh"

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q install -DskipTests -pl conflict-service -am
fi
app=conflict-service/target/quarkus-app
[ -f "$app/quarkus-run.jar" ] || { echo "error: $app is not packaged" >&2; exit 1; }

mkdir -p bench/results
report="bench/results/matcher-quality-$(date -u +%Y%m%dT%H%M%SZ).md"
args=(records="${BENCH_RECORDS:-100000}" index="${BENCH_INDEX:-1000000}" queries="${BENCH_QUERIES:-5000}"
      seed="${BENCH_SEED:-20250101}" maxBlock="${BENCH_MAX_BLOCK:-1000}" corruptions="${BENCH_CORRUPTIONS:-standard}")
[ -n "${BENCH_THRESHOLD:-}" ] && args+=(threshold="$BENCH_THRESHOLD")
{
  echo "# matcher quality and speed, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "host: $(nproc) cores, $(java -version 2>&1 | head -1); arguments: ${args[*]}"
  echo
  echo '```'
  java -Xmx"${BENCH_HEAP:-4g}" -cp "$app/lib/main/*:$app/app/*" org.statehub.conflict.quality.MatcherQuality "${args[@]}"
  echo '```'
} | tee "$report"
echo "report: $report"
