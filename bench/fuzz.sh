#!/usr/bin/env bash
# Bad input for every operation of the hub (BadInputFuzzer, requests drawn with jqwik from one seed), through the
# gateway and at each service directly: counts 5xx, error answers without a problem body, answers slower than 5 s
# and changes of stored data without a 2xx, and writes the table into docs/BENCHMARKS.md.
#
#   bash bench/fuzz.sh                         # 20,000 requests, seed 20261206
#   FUZZ_REQUESTS=50000 FUZZ_SEED=7 bash bench/fuzz.sh
#
# It builds the services and runs system-tests' BadInputIT, which starts its own PostgreSQL and the whole hub as
# separate processes (about two minutes) before the requests. Exits non-zero when any check failed; the failed
# requests are listed in system-tests/target/fuzz-report.md.
source "$(dirname "$0")/lib/common.sh"

requests="${FUZZ_REQUESTS:-20000}"
seed="${FUZZ_SEED:-20261206}"
status=0
log="$(mktemp /tmp/fuzz-XXXXXX.log)"
./mvnw -B verify -pl system-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=BadInputIT -Dfuzz.requests="$requests" -Dfuzz.seed="$seed" > "$log" 2>&1 || status=$?
report=system-tests/target/fuzz-report.md
if [ ! -s "$report" ]; then
  echo "No report; see $log" >&2
  exit 1
fi

machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)"
section="$(mktemp)"
{
  echo "<!-- fuzz:begin (written by bench/fuzz.sh) -->"
  echo "Last run: $machine."
  echo
  sed -n '1,/operations from the hub/p' "$report"
  echo "<!-- fuzz:end -->"
} > "$section"
python3 - "$section" <<'PY'
import re, sys
section = open(sys.argv[1]).read()
path = "docs/BENCHMARKS.md"
text = open(path).read()
pattern = re.compile(r"<!-- fuzz:begin.*?<!-- fuzz:end -->\n", re.S)
if pattern.search(text):
    text = pattern.sub(lambda m: section, text)
else:
    text += "\n" + section
open(path, "w").write(text)
PY
rm -f "$section"
[ "$status" -eq 0 ] && rm -f "$log" || echo "Maven log: $log"
cat "$report" | head -40
exit "$status"
