#!/bin/sh
# The container's command under the Vagrant docker provider. First the Docker backend's start-up (only
# /proc/sys/net writable, /run/netns ready). Then sshd, in a network namespace of its own kept outside
# /run/netns, listening on that namespace's loopback only: the learner's namespace holds no listener of
# ours (`ss -ltn` in a lesson shows only the learner's), and nothing a lesson does to its network
# (`iptables -P INPUT DROP`, `ip link set lo down`) can cut the backend off. The container has no network
# (like the Docker backend's); netlessons reaches sshd with ProxyCommand `docker exec … nc`, and commands
# come back to the learner's namespace with `nsenter --net=/proc/1/ns/net` (PID 1 is docker-init).
set -eu
mount --bind /proc/sys/net /proc/sys/net
mount -o remount,bind,rw /proc/sys/net
mkdir -p /run/netns /run/sshd /run/netlessons
# With no network Docker leaves the hostname out of /etc/hosts, and sudo would warn on every command.
grep -qw "$(hostname)" /etc/hosts || echo "127.0.1.1 $(hostname)" >> /etc/hosts

mgmt=/run/netlessons/mgmt-netns
touch "$mgmt"
unshare --net="$mgmt" ip link set lo up
exec nsenter --net="$mgmt" /usr/sbin/sshd -D -e -o ListenAddress=127.0.0.1
