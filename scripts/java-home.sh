#!/usr/bin/env bash
# Sourced by .ci/run and run.sh: exports JAVA_HOME pointing at a JDK >= 21.
# Uses JAVA_HOME when it is new enough, else the newest JDK found in the usual places; fails clearly otherwise.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

pick_java_home() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ "${major:-0}" -gt "$best_major" ] 2>/dev/null; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ "$best_major" -ge 21 ]; then
    echo "$best"
    return 0
  fi
  return 1
}

if ! JAVA_HOME=$(pick_java_home); then
  echo "error: no JDK 21 or newer was found. Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
