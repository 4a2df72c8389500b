# Interactive shells in the sandbox (login shells via /etc/profile, and the `bash` a learner starts with
# `ip netns exec NS bash`, via /root/.bashrc): a prompt that names the lesson, the sandbox's hostname
# (the same in every namespace: netns do not change it) and, inside a named network namespace, that one.
if [ -n "${BASH_VERSION-}" ] && [ -n "${PS1-}" ]; then
  __nl_ns() { local n; n=$(ip netns identify 2>/dev/null) && [ -n "$n" ] && printf ' (netns %s)' "$n"; }
  if [ -n "${NO_COLOR-}" ] || [ "${TERM-dumb}" = dumb ]; then
    PS1='[${NETLESSONS_LESSON:-netlessons}] \u@\h$(__nl_ns):\w\$ '
  else
    PS1='\[\e[1;36m\][${NETLESSONS_LESSON:-netlessons}]\[\e[0m\] \u@\h\[\e[1;33m\]$(__nl_ns)\[\e[0m\]:\w\$ '
  fi
fi
