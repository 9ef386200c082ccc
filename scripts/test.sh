#!/usr/bin/env bash
# Runs every ClaimDesk test: scripts/test.sh [extra `dotnet test` arguments]
#   e.g. scripts/test.sh --filter "FullyQualifiedName~SignIn"
#
# 1. installs missing Debian packages (as root; otherwise lists them and goes on),
# 2. starts a throwaway PostgreSQL cluster and exports CLAIMDESK_TEST_POSTGRES,
# 3. exports CLAIMDESK_CHROMIUM, and CLAIMDESK_REQUIRE_ALL=1 under CI=true,
# 4. runs `dotnet test` on ClaimDesk.slnx (Release) with a TRX logger,
# 5. prints "N passed, N failed, N skipped" as the very last line.
#
# Under CI=true anything missing is a failure; otherwise the tests that need it are skipped.
# CLAIMDESK_TEST_POSTGRES / CLAIMDESK_CHROMIUM already set in the environment are used as is.
# CLAIMDESK_TEST_KEEP_PG=1 leaves the cluster running afterwards (for debugging).
# CLAIMDESK_TEST_RESULTS overrides the results directory (default: <repo>/TestResults).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/postgres.sh
source "$repo/scripts/lib/postgres.sh"

log() { echo "test.sh: $*" >&2; }
summary() { echo "$1 passed, $2 failed, $3 skipped"; }
# Fatal error: explain, print the summary line last, exit (the EXIT trap cleans up silently).
die() {
  log "ERROR: $*"
  summary 0 1 0
  exit 1
}

is_ci=0
case "${CI:-}" in
  [Tt][Rr][Uu][Ee] | 1 | [Yy][Ee][Ss]) is_ci=1 ;;
esac
is_root=0
[[ $(id -u) -eq 0 ]] && is_root=1

keep_pg=0
[[ ${CLAIMDESK_TEST_KEEP_PG:-} == 1 ]] && keep_pg=1

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  if [[ $keep_pg -eq 0 ]]; then
    pg_stop
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

# --- 1. Debian packages -------------------------------------------------------
packages=(postgresql chromium python3-aiosmtpd poppler-utils zbar-tools fonts-dejavu-core)

missing_packages() {
  local p status
  for p in "${packages[@]}"; do
    status=$(dpkg -s "$p" 2>/dev/null || true)
    [[ $status == *$'\nStatus: install ok installed'* ]] || echo "$p"
  done
}

apt_busy() {
  local name
  for name in apt-get apt dpkg unattended-upgr; do
    pgrep -x "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}

# Never run apt while another apt/dpkg is busy (e.g. a provisioning step still running).
wait_for_apt() {
  local i
  for ((i = 0; i < 180; i++)); do
    apt_busy || return 0
    ((i == 0)) && log "waiting for another apt/dpkg process to finish..."
    sleep 5
  done
  log "another apt/dpkg process is still running after 15 minutes; trying anyway."
}

install_packages() {
  local apt_log
  apt_log=$(mktemp /tmp/claimdesk-apt.XXXXXXXX.log)
  local apt=(apt-get -q -o DPkg::Lock::Timeout=600)
  wait_for_apt
  if ! "${apt[@]}" update >"$apt_log" 2>&1; then
    log "apt-get update failed:"
    sed 's/^/    /' "$apt_log" >&2
    rm -f "$apt_log"
    return 1
  fi
  wait_for_apt
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "$@" >"$apt_log" 2>&1; then
    log "apt-get install failed:"
    tail -n 40 "$apt_log" | sed 's/^/    /' >&2
    rm -f "$apt_log"
    return 1
  fi
  rm -f "$apt_log"
}

if command -v dpkg >/dev/null 2>&1; then
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $is_root -eq 1 ]]; then
      log "installing: ${missing[*]}"
      if ! install_packages "${missing[@]}"; then
        [[ $is_ci -eq 1 ]] && die "could not install required packages: ${missing[*]}"
        log "WARNING: could not install ${missing[*]}; tests that need them will be skipped or fail."
      fi
    else
      log "WARNING: missing Debian packages (not root, not installing): ${missing[*]}"
      log "         install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
      [[ $is_ci -eq 1 ]] && die "CI=true but packages are missing and this is not root: ${missing[*]}"
    fi
  fi
else
  log "WARNING: no dpkg (not Debian?); not checking packages: ${packages[*]}"
fi

# --- 2. PostgreSQL ------------------------------------------------------------
if [[ -n ${CLAIMDESK_TEST_POSTGRES:-} ]]; then
  log "CLAIMDESK_TEST_POSTGRES is already set; using that server instead of starting one."
  keep_pg=1
elif pg_start; then
  export CLAIMDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=unused;Include Error Detail=true"
  log "PostgreSQL $(basename "$(dirname "$PG_BIN")") running on 127.0.0.1:$PG_PORT (data in $PG_TMP_DIR)"
  if [[ $keep_pg -eq 1 ]]; then
    log "CLAIMDESK_TEST_KEEP_PG=1: the cluster stays up after the run."
    log "  export CLAIMDESK_TEST_POSTGRES='$CLAIMDESK_TEST_POSTGRES'"
    log "  psql 'host=127.0.0.1 port=$PG_PORT user=postgres'"
    log "  stop: (cd /tmp && ${PG_AS[*]:+${PG_AS[*]} }$PG_BIN/pg_ctl -D $PG_TMP_DIR/data -m immediate stop) && rm -rf $PG_TMP_DIR"
  fi
else
  [[ $is_ci -eq 1 ]] && die "CI=true but PostgreSQL could not be started (see above)."
  log "WARNING: PostgreSQL could not be started; PostgreSQL tests will be skipped."
fi

# --- 3. Chromium --------------------------------------------------------------
if [[ -n ${CLAIMDESK_CHROMIUM:-} ]]; then
  log "CLAIMDESK_CHROMIUM is already set: $CLAIMDESK_CHROMIUM"
elif [[ -x /usr/bin/chromium ]] && chromium_version=$(timeout 60 /usr/bin/chromium --version 2>/dev/null); then
  export CLAIMDESK_CHROMIUM=/usr/bin/chromium
  log "$chromium_version"
else
  [[ $is_ci -eq 1 ]] && die "CI=true but /usr/bin/chromium is missing or does not run (chromium --version failed)."
  log "WARNING: /usr/bin/chromium is missing or does not run; browser tests will be skipped."
fi

# --- 4. CI: nothing may be skipped ---------------------------------------------
if [[ $is_ci -eq 1 ]]; then
  export CLAIMDESK_REQUIRE_ALL=1
fi

# --- 5. dotnet test -------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH (the .NET SDK from global.json is needed)."

results_dir="${CLAIMDESK_TEST_RESULTS:-$repo/TestResults}"
mkdir -p "$results_dir"
find "$results_dir" -name '*.trx' -type f -delete

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The suite starts hundreds of app instances; each would take inotify instances for its file watchers (config, Razor,
# static files) and the per-user limit (often 128) runs out on a busy machine. Polling watchers take none.
export DOTNET_USE_POLLING_FILE_WATCHER=1
# The whole solution builds first (0 warnings: warnings are errors), the benchmarks too, which `dotnet test` skips.
dotnet build "$repo/ClaimDesk.slnx" -c Release -nologo -v quiet || die "the build failed (see above)."
set +e
dotnet test "$repo/ClaimDesk.slnx" -c Release --no-build \
  --logger "trx;LogFileName=results.trx" \
  --results-directory "$results_dir" \
  "$@"
test_rc=$?
set -e

# --- 6. Summary -------------------------------------------------------------------
mapfile -t trx_files < <(find "$results_dir" -name '*.trx' -type f | sort)
if [[ ${#trx_files[@]} -eq 0 ]]; then
  log "no TRX file in $results_dir: the build or the test run failed before any test ran (dotnet test exit code $test_rc)."
  summary 0 1 0
  exit 1
fi

# Sums <Counters> over all TRX files: "passed failed skipped".
# failed also counts error/timeout/aborted; skipped = total - executed.
counts=$(python3 - "${trx_files[@]}" <<'EOF'
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in sys.argv[1:]:
    for el in ET.parse(path).iter():
        if el.tag.rsplit('}', 1)[-1] != 'Counters':
            continue
        c = lambda name: int(el.get(name, '0') or 0)
        passed += c('passed')
        failed += c('failed') + c('error') + c('timeout') + c('aborted')
        skipped += max(c('total') - c('executed'), 0)
print(passed, failed, skipped)
EOF
) || {
  log "could not read the TRX file(s): ${trx_files[*]}"
  summary 0 1 0
  exit 1
}
read -r passed failed skipped <<<"$counts"

log "results: ${trx_files[*]}"
if [[ $test_rc -ne 0 ]]; then
  log "dotnet test failed (exit code $test_rc)."
  ((failed == 0)) && failed=1
elif ((passed == 0)); then
  log "no test passed."
  test_rc=1
fi
summary "$passed" "$failed" "$skipped"
exit "$test_rc"
