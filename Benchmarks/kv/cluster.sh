# Sourced by Benchmarks/kv/run and Benchmarks/kv/state-machines: a 3-node many-kvstore
# cluster on loopback for a benchmark. Needs $bin (release binaries), $work (a scratch
# directory) and a log function. KV_SERVER_FLAGS adds flags to every node (for A/B runs, e.g.
# "--parallel-leader-writes false").

# start_cluster runs inside $( ): its server pids go to a file, not a shell variable.
pidfile="$work/server.pids"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_cluster() {  # KIND GROUPS: 3 nodes with that state machine in a fresh directory; prints the
  # HTTP/1.1 endpoints; their HTTP/2 ports (same order) go to $work/http2.endpoints
  local kind="$1" groups="$2" dir peers=() endpoints="" endpoints2=""
  dir="$(mktemp -d "$work/$kind-g$groups.XXXX")"
  local -a http http2 raft
  openssl genpkey -algorithm Ed25519 -out "$dir/id.pem" 2>/dev/null
  for id in 1 2 3; do http[$id]=$(free_port); http2[$id]=$(free_port); raft[$id]=$(free_port); peers+=(--peer "$id=127.0.0.1:${raft[$id]}"); done
  for id in 1 2 3; do
    "$bin/many-kvstore" --pem "$dir/id.pem" --port "${http[$id]}" --http2-port "${http2[$id]}" --persistent "$dir/n$id" --id "$id" \
      --raft-addr "127.0.0.1:${raft[$id]}" "${peers[@]}" --groups "$groups" --state-machine "$kind" ${KV_SERVER_FLAGS:-} -q >"$dir/n$id.log" 2>&1 &
    echo $! >>"$pidfile"
    endpoints+="${endpoints:+,}127.0.0.1:${http[$id]}"
    endpoints2+="${endpoints2:+,}127.0.0.1:${http2[$id]}"
  done
  echo "$endpoints2" >"$work/http2.endpoints"
  for _ in $(seq 150); do
    if "$bin/kvstore" bench --endpoints "$endpoints" --route leader --clients 1 --seconds 0.2 >/dev/null 2>&1; then
      echo "$endpoints"; return 0
    fi
    sleep 0.2
  done
  log "the $kind cluster did not elect leaders for every group; logs in $dir"; exit 1
}

stop_cluster() {  # SIGTERM to every node started, then wait until they are gone (not our children)
  [ -f "$pidfile" ] || return 0
  xargs -r kill -TERM <"$pidfile" 2>/dev/null || true
  while read -r pid; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done <"$pidfile"
  rm -f "$pidfile"
}

kill_clusters() {  # for an EXIT trap
  [ -f "$pidfile" ] && xargs -r kill <"$pidfile" 2>/dev/null || true
}
