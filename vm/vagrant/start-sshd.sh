#!/bin/sh
# The container's command under the Vagrant docker provider: the same start-up as the Docker backend
# (only /proc/sys/net writable, /run/netns ready), then sshd in the foreground so Vagrant can log in.
set -e
mount --bind /proc/sys/net /proc/sys/net
mount -o remount,bind,rw /proc/sys/net
mkdir -p /run/netns /run/sshd
exec /usr/sbin/sshd -D -e
