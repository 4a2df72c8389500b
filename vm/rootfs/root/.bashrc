# ~/.bashrc: interactive non-login shells (e.g. `ip netns exec red bash`) keep the netlessons prompt.
[ -r /etc/profile.d/netlessons.sh ] && . /etc/profile.d/netlessons.sh
export LS_OPTIONS='--color=auto'
alias ls='ls $LS_OPTIONS'
alias ll='ls $LS_OPTIONS -l'
