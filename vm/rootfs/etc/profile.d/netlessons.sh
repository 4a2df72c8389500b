# Login shells in the sandbox: a prompt that says where you are (the namespace, when inside one).
if [ -n "$BASH_VERSION" ]; then
  __nl_ns() { local n; n=$(ip netns identify 2>/dev/null); [ -n "$n" ] && printf ' [netns %s]' "$n"; }
  PS1='\[\e[1;36m\]${NETLESSONS_LESSON:-netlessons}\[\e[0m\]$(__nl_ns) \w # '
fi
