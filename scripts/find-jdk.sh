# Sourced by ./gatehouse and ./dev. Sets JAVA_HOME to a JDK 25 or newer, or stops with a message.
# Order: $JAVA_HOME, the `java` on PATH, then the usual install folders (or GATEHOUSE_JDK_DIRS).

gh_java_major() { # gh_java_major JAVA_BIN -> prints the feature version, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version =/ { print $2; exit }'
}

gh_find_jdk() {
  local cand v dir
  for cand in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)"; do
    [ -n "$cand" ] && [ -x "$cand" ] || continue
    v=$(gh_java_major "$cand")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null && [ -x "$(dirname "$cand")/javac" ]; then
      JAVA_HOME=$(cd "$(dirname "$(readlink -f "$cand")")/.." && pwd); export JAVA_HOME; return 0
    fi
  done
  local dirs=(/usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/*3[0-9]* /opt/java/* /opt/jdk*
              "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*)
  # GATEHOUSE_JDK_DIRS (space-separated folders) replaces the usual install folders.
  [ -n "${GATEHOUSE_JDK_DIRS:-}" ] && read -r -a dirs <<< "$GATEHOUSE_JDK_DIRS"
  for dir in "${dirs[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    v=$(gh_java_major "$dir/bin/java")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      JAVA_HOME="$dir"; export JAVA_HOME; return 0
    fi
  done
  cat >&2 <<MSG
gatehouse: no JDK 25 found.
  Looked at \$JAVA_HOME, the 'java' on PATH, and ${GATEHOUSE_JDK_DIRS:-/usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks}.
  Install one (for example Eclipse Temurin 25: https://adoptium.net), then either put it on PATH
  or run:  JAVA_HOME=/path/to/jdk-25 $0 ${*:-}
MSG
  return 1
}
