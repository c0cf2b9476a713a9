#!/usr/bin/env bash
# Shared by the benchmark scripts: finds a JDK 21 or newer, builds what the benchmark needs, and runs
# its main class. Usage (from a benchmark script): source bench/common.sh; run_bench NAME MAIN_CLASS BUILD_TARGET "$@"
#   BUILD_TARGET: "bench" (the bench module and what it needs) or "all" (also the platform jar).
# Environment: HUITONG_BENCH_JAVA_OPTS (extra JVM options of the benchmark, e.g. for JFR),
# HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build).

run_bench() {
  local name="$1" main="$2" target="$3"
  shift 3
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

  java_major() { # prints the feature version of the java executable $1, or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
  }

  find_jdk() {
    local candidate major
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && -x "$JAVA_HOME/bin/javac" ]]; then
      major="$(java_major "$JAVA_HOME/bin/java")"
      if [[ -n "$major" && "$major" -ge 21 ]]; then
        echo "$JAVA_HOME"; return 0
      fi
    fi
    local best="" best_major=0
    for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
      major="$(java_major "$candidate/bin/java")"
      if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best_major" ]]; then
        best="$candidate"; best_major="$major"
      fi
    done
    if [[ -n "$best" ]]; then
      echo "$best"; return 0
    fi
    return 1
  }

  if ! jdk="$(find_jdk)"; then
    echo "$name: no JDK 21 or newer found: set JAVA_HOME to one (JAVA_HOME=${JAVA_HOME:-unset}; searched /usr/lib/jvm)" >&2
    exit 1
  fi
  export JAVA_HOME="$jdk"

  if [[ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]]; then
    # Maven's Guice still calls sun.misc.Unsafe; keep its warnings out of the report.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi

  cd "$root"
  if [[ "${HUITONG_BENCH_SKIP_BUILD:-0}" != "1" || ! -f bench/target/classpath.txt ]]; then
    echo "building (JDK at $JAVA_HOME) ..." >&2
    if [[ "$target" == "all" ]]; then
      ./mvnw -B -q -DskipTests package
    else
      ./mvnw -B -q -DskipTests -pl bench -am package
    fi
  fi

  # shellcheck disable=SC2086 # HUITONG_BENCH_JAVA_OPTS is a list of options
  exec "$JAVA_HOME/bin/java" -Xms1g -Xmx1g ${HUITONG_BENCH_JAVA_OPTS:-} \
    -cp "bench/target/classes:$(cat bench/target/classpath.txt)" "$main" "$@"
}
