#!/usr/bin/env bash
# Make a Docker engine available for the test suite on a Debian machine:
# install Debian's docker.io (and debootstrap, for the offline image) when missing, start dockerd when
# none answers, and wait for it. Prints the pid of a dockerd it started (empty when one was running),
# so the caller can stop exactly what it started.
set -euo pipefail

if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "docker-engine.sh: dockerd/debootstrap missing; install them: sudo apt-get install docker.io debootstrap" >&2
    exit 1
  fi
  echo "installing docker.io and debootstrap from Debian's archive..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap >&2
fi

if docker info >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "docker-engine.sh: no Docker engine answers and only root can start one here (sudo dockerd &)" >&2
  exit 1
fi

log=${DOCKERD_LOG:-/tmp/netlessons-dockerd.log}
# setsid: the engine must not receive the test runner's Ctrl-C or die with its process group.
setsid dockerd >"$log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 1 120); do
  if docker info >/dev/null 2>&1; then
    echo "$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "docker-engine.sh: dockerd exited; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  sleep 0.25
done
echo "docker-engine.sh: dockerd did not answer within 30 s (log: $log)" >&2
exit 1
