# Shared by bench/*/run.sh (sourced). Loopback only.

# The load average (1, 5, 15 min).
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

# Drops the page cache (needs root and a writable /proc/sys). Prints "dropped"
# or "refused: why" so the results can say which.
bench_drop_caches() {
  sync
  if { echo 3 > /proc/sys/vm/drop_caches; } 2> /dev/null; then echo dropped; else echo "refused: /proc/sys/vm/drop_caches not writable"; fi
}

# bench_serve SOVANG DATA PORT [extra serve options...]: starts `sovang serve`
# on 127.0.0.1:PORT in the background (log in DATA.serve.log), waits for
# /api/health; sets SERVER_PID.
bench_serve() {
  local sovang=$1 data=$2 port=$3; shift 3
  "$sovang" serve --data "$data" --listen "127.0.0.1:$port" "$@" > "$data.serve.log" 2>&1 &
  SERVER_PID=$!
  local i
  for i in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$port/api/health" > /dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2> /dev/null || { cat "$data.serve.log" >&2; return 1; }
    sleep 0.2
  done
  echo "server did not answer on $port" >&2
  return 1
}

bench_stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
    SERVER_PID=
  fi
}

# Resident and peak memory of a process, MB: "rss_mb hwm_mb".
bench_rss() {
  awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%.0f %.0f\n", r/1024, h/1024}' "/proc/$1/status"
}

# bench_staff_user SOVANG SCALE_TOOL DATA NAME PASSWORD: `sovang user add`, or
# the scale tool's staff-user when that refuses (the user is there from an
# earlier run, made with the same bench password). Prints which one did.
bench_staff_user() {
  local sovang=$1 tool=$2 data=$3 name=$4 password=$5
  if printf '%s\n' "$password" | "$sovang" user add "$name" --role verifier --data "$data" > /dev/null 2>&1; then
    echo "sovang user add"
  else
    printf '%s\n' "$password" | "$tool" staff-user --data "$data" --name "$name" --role verifier
    echo "sovang-scale staff-user (sovang user add refused: the user exists)"
  fi
}

# bench_login PORT NAME PASSWORD: prints the Cookie header value of a session.
bench_login() {
  curl -sS -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\": \"$2\", \"password\": \"$3\"}" "http://127.0.0.1:$1/api/login" |
    tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" {print $2; exit}'
}

# Busy and total CPU jiffies of the whole machine (all cores): "busy total".
bench_cpu_jiffies() {
  awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; total = busy + $5 + $6; print busy, total; exit}' /proc/stat
}

# Percent of the machine (all cores) busy over the next N seconds (default 5).
bench_busy_pct() {
  local a b
  a=$(bench_cpu_jiffies); sleep "${1:-5}"; b=$(bench_cpu_jiffies)
  echo "$a $b" | awk '{printf "%.0f\n", 100 * ($3 - $1) / (($4 - $2) > 0 ? ($4 - $2) : 1)}'
}

# bench_wait_quiet MAX_BUSY_PCT MAX_WAIT_S: waits (bounded) until the machine
# is at most MAX_BUSY_PCT busy over 5 s; prints the last busy figure and how
# long it waited.
bench_wait_quiet() {
  local max_busy=$1 max_wait=$2 waited=0 busy
  busy=$(bench_busy_pct 5)
  while [ "$busy" -gt "$max_busy" ] && [ "$waited" -lt "$max_wait" ]; do
    sleep 25; waited=$((waited + 30))
    busy=$(bench_busy_pct 5)
  done
  echo "busy ${busy}% after waiting ${waited}s"
}
