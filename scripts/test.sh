#!/usr/bin/env bash
# Runs every test project and leaves TRX files in TestResults/ for .ci/run to count.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf TestResults
dotnet build MovieGen.sln --nologo -v q -clp:ErrorsOnly || exit 1
dotnet test MovieGen.sln --no-build --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory TestResults -- RunConfiguration.TestSessionTimeout=3600000
