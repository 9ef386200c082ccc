#!/usr/bin/env bash
# Runs the claim-creation benchmark: bench/run.sh [--claims N] [--concurrency C] [--warmup W] [--runs R] [--show-sql];
# bench/run.sh --import and bench/run.sh --grid [--claims N] [--sqlite-claims M] run the import and grid benchmarks.
#
# 1. starts a throwaway PostgreSQL cluster (scripts/lib/postgres.sh, as scripts/test.sh does) and exports
#    CLAIMDESK_BENCH_POSTGRES; a CLAIMDESK_BENCH_POSTGRES already set is used as is and no cluster is started,
# 2. builds and runs bench/ClaimDesk.Bench in Release with the arguments given,
# 3. stops the cluster and removes it.
# The exit code is the benchmark's: 0 done, 1 a check failed (wrong answer or wrong data), 2 bad arguments.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=../scripts/lib/postgres.sh
source "$repo/scripts/lib/postgres.sh"

log() { echo "run.sh: $*" >&2; }

trap pg_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n ${CLAIMDESK_BENCH_POSTGRES:-} ]]; then
  log "CLAIMDESK_BENCH_POSTGRES is already set; using that server."
else
  if ! pg_find_bin >/dev/null && [[ $(id -u) -eq 0 ]]; then
    log "installing postgresql with apt-get"
    apt-get -q update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends postgresql >/dev/null
  fi
  pg_start || { log "PostgreSQL could not be started (see above)."; exit 1; }
  export CLAIMDESK_BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=unused;Include Error Detail=true"
  log "PostgreSQL $(basename "$(dirname "$PG_BIN")") running on 127.0.0.1:$PG_PORT (data in $PG_TMP_DIR)"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$repo/bench/ClaimDesk.Bench/ClaimDesk.Bench.csproj" -c Release -v quiet -nologo >&2
set +e
dotnet "$repo/bench/ClaimDesk.Bench/bin/Release/net10.0/ClaimDesk.Bench.dll" "$@"
rc=$?
set -e
exit "$rc"
