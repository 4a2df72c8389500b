#!/usr/bin/env bash
# Build the sandbox's base image without Docker Hub: debootstrap Debian bookworm with packages.txt
# into a temporary folder and `docker import` it as TAG. Needs root, debootstrap and a Debian mirror
# (taken from apt's sources, else deb.debian.org). Usage: build-offline-base.sh TAG
set -euo pipefail
tag=${1:?usage: build-offline-base.sh TAG}
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" != 0 ]; then echo "the offline image build needs root (debootstrap): run it with sudo" >&2; exit 1; fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing: sudo apt-get install debootstrap" >&2; exit 1; }

mirror=${NETLESSONS_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(grep -rhoE '^(URIs:|deb) +\S+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

packages=$(sed 's/#.*//' "$here/packages.txt" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
dir=$(mktemp -d /tmp/netlessons-rootfs.XXXXXX)
log=$(mktemp /tmp/netlessons-debootstrap.XXXXXX.log)
pid=
# Interrupted (Ctrl-C, or netlessons killing us): stop debootstrap and everything it runs first,
# then remove its half-made tree.
cleanup() {
  if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir" "$log"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo "debootstrap bookworm from $mirror (about a minute)..."
# Progress: one line per phase (debootstrap's "I: Retrieving…", "I: Extracting…"), not its hundreds.
# setsid: its own process group, so cleanup can stop it with its wget and dpkg children.
setsid debootstrap --variant=minbase --include="$packages" bookworm "$dir" "$mirror" >"$log" 2>&1 &
pid=$!
phases=("" "downloading packages" "extracting the base system" "installing packages" "configuring packages")
at=0
while kill -0 "$pid" 2>/dev/null; do
  case $(grep -oE '^I: [A-Z][a-z]+' "$log" 2>/dev/null | tail -n1 | cut -c4-) in
    Retrieving | Validating | Checking | Resolving | Found | Valid) now=1 ;;
    Extracting) now=2 ;;
    Installing | Unpacking) now=3 ;;
    Configuring) now=4 ;;
    *) now=$at ;;
  esac
  # Forward only: debootstrap alternates installing and configuring many times.
  if [ "$now" -gt "$at" ]; then
    at=$now
    echo "debootstrap: ${phases[$at]}..."
  fi
  sleep 1
done
rc=0
wait "$pid" || rc=$?
pid=
if [ "$rc" != 0 ]; then
  echo "debootstrap failed (exit $rc); its last lines:" >&2
  tail -n 15 "$log" >&2
  exit 1
fi
[ -x "$dir/usr/sbin/ip" ] || { echo "debootstrap did not produce a usable system" >&2; exit 1; }
rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
touch "$dir/etc/netlessons-base"
echo "importing into the engine as $tag..."
tar -C "$dir" -c . | docker import - "$tag" >/dev/null
echo "base image $tag ready"
