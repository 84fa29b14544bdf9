#!/usr/bin/env bash
# test.sh is `make test-worker`: it builds the Worker, applies the D1
# migrations to local databases, starts the Worker twice in workerd
# (`wrangler dev --local`: once with the rate limit off, once with it on,
# each with its own local D1) and examples/site, runs the Go tests of
# ./e2e against them (the whole conformance suite, and parity between the
# Worker and the site), stops everything and checks that no process is
# left.
#
#   examples/worker/test.sh          the tests
#   examples/worker/test.sh bench    cold start, then the latency benchmarks
#
# Every server runs in a process group of its own (setsid), stopped with
# SIGTERM to the whole group (SIGKILL after 15 s), whatever way this script
# ends. GO names the go command; WRANGLER the wrangler binary (default: the
# one `make node-deps` installs from the lockfile).
set -euo pipefail

mode=${1:-test}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GO=${GO:-go}
WRANGLER=${WRANGLER:-$root/node_modules/.bin/wrangler}

# Without these, wrangler can hang on a closed network.
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kommunkit-worker-test.XXXXXX")
export WRANGLER_LOG_PATH="$tmp/wrangler-logs"
groups=()
ports=()

log() { echo "test-worker: $*" >&2; }

# The process checks read /proc, so that they need no procps on a fresh
# machine, and fork nothing while they scan it.
#
# stat_of sets pgid and state to those of process $1 (fields 5 and 3 of
# /proc/PID/stat, after the command name in parentheses); it fails when the
# process is gone.
stat_of() {
	local line rest
	IFS= read -r line 2>/dev/null <"/proc/$1/stat" || return 1
	rest=${line##*) }
	read -r state _ pgid _ <<<"$rest"
}

# cmdline_of sets cmdline to process $1's command line, spaces for NULs.
cmdline_of() {
	local -a a=()
	mapfile -d '' -t a 2>/dev/null <"/proc/$1/cmdline" || true
	local IFS=' '
	cmdline="${a[*]}"
}

# group_members prints "PID COMMAND LINE" for each live process (zombies,
# which have exited, are left out) in process group $1.
group_members() {
	local d pid
	for d in /proc/[0-9]*; do
		pid=${d#/proc/}
		stat_of "$pid" || continue
		if [ "$pgid" = "$1" ] && [ "$state" != Z ]; then
			cmdline_of "$pid"
			echo "$pid $cmdline"
		fi
	done
}

# in_group reports whether any live process is in process group $1.
in_group() { [ -n "$(group_members "$1")" ]; }

# port_users prints the live processes whose command line names
# 127.0.0.1:$1.
port_users() {
	local d pid
	for d in /proc/[0-9]*; do
		pid=${d#/proc/}
		cmdline_of "$pid"
		if [[ " $cmdline " =~ 127\.0\.0\.1:$1[^0-9] ]] && stat_of "$pid" && [ "$state" != Z ]; then
			echo "$pid $cmdline"
		fi
	done
}

stop_group() {
	local g=$1 i
	in_group "$g" || return 0
	kill -TERM -- "-$g" 2>/dev/null || true
	for i in $(seq 1 150); do
		in_group "$g" || return 0
		sleep 0.1
	done
	log "process group $g did not stop within 15 s of SIGTERM; sending SIGKILL"
	kill -KILL -- "-$g" 2>/dev/null || true
	sleep 0.5
}

cleanup() {
	local rc=$? g p left=0
	for g in "${groups[@]}"; do stop_group "$g"; done
	for g in "${groups[@]}"; do
		if in_group "$g"; then
			log "stray processes in group $g:"; group_members "$g" >&2; left=1
		fi
	done
	for p in "${ports[@]}"; do
		if [ -n "$(port_users "$p")" ]; then
			log "a process still serves port $p:"; port_users "$p" >&2; left=1
		fi
	done
	if [ "$rc" -ne 0 ]; then
		for f in "$tmp"/*.log; do [ -f "$f" ] && { log "--- $(basename "$f") (last 40 lines)"; tail -n 40 "$f" >&2; }; done
	fi
	rm -rf "$tmp"
	if [ "$left" -ne 0 ]; then
		log "FAIL: processes were left running"; exit 1
	fi
	[ "$rc" -eq 0 ] && log "stopped everything; no process left"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# free_port sets port to a loopback TCP port nobody listens on.
free_port() {
	while :; do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			ports+=("$port"); return
		fi
	done
}

# start NAME CMD... runs CMD in a new session (its own process group),
# logging to $tmp/NAME.log, records the group and sets started_pid. It must
# not run in a subshell, or the group would not be recorded for cleanup.
start() {
	local name=$1; shift
	setsid "$@" >"$tmp/$name.log" 2>&1 </dev/null &
	started_pid=$!
	groups+=("$started_pid")
	sleep 0.2
	local pgid state
	if stat_of "$started_pid" && [ "$pgid" != "$started_pid" ]; then
		log "$name: process $started_pid is in group $pgid, not its own"; exit 1
	fi
}

# run CMD... runs CMD in its own process group, recorded for cleanup, with
# this script's output, and waits for it. Waiting with `wait` lets a
# SIGINT or SIGTERM reach this script's trap at once, and the cleanup stops
# the command's whole group.
run() {
	setsid "$@" </dev/null &
	local pid=$!
	groups+=("$pid")
	wait "$pid"
}

# wait_ready NAME PID URL waits until URL answers 200, for at most 120 s.
wait_ready() {
	local name=$1 pid=$2 url=$3 i
	for i in $(seq 1 600); do
		if ! kill -0 "$pid" 2>/dev/null; then log "$name exited before it answered"; exit 1; fi
		if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)" = 200 ]; then return 0; fi
		sleep 0.2
	done
	log "$name did not answer $url within 120 s"; exit 1
}

# wait_log NAME FILE TEXT waits until FILE holds TEXT, for at most 120 s.
wait_log() {
	local name=$1 file=$2 text=$3 i
	for i in $(seq 1 600); do
		grep -q -- "$text" "$file" 2>/dev/null && return 0
		sleep 0.2
	done
	log "$name did not log \"$text\" within 120 s"; exit 1
}

[ -x "$WRANGLER" ] || { log "no wrangler at $WRANGLER: run make node-deps"; exit 1; }
command -v curl >/dev/null || { log "curl is needed (apt-get install curl; make test-worker installs it)"; exit 1; }

staff_token="worker-test-staff-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
form_key="worker-test-form-key-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
rate_limit=20

log "building the Worker"
run "$here/build.sh" >&2

# worker NAME RATE_LIMIT migrates a local D1 of its own and starts the
# Worker on a free port; it sets worker_pid and worker_port.
worker() {
	local name=$1 limit=$2 inspector
	"$WRANGLER" d1 migrations apply kommunkit --local --config "$here/wrangler.toml" \
		--persist-to "$tmp/$name-state" >"$tmp/$name-migrate.log" 2>&1 ||
		{ log "$name: wrangler d1 migrations apply failed"; exit 1; }
	free_port; worker_port=$port
	free_port; inspector=$port
	start "$name" "$WRANGLER" dev --local --config "$here/wrangler.toml" \
		--ip 127.0.0.1 --port "$worker_port" --inspector-port "$inspector" \
		--persist-to "$tmp/$name-state" --show-interactive-dev-session=false \
		--var "KOMMUNKIT_STAFF_TOKEN:$staff_token" --var "KOMMUNKIT_FORM_KEY:$form_key" \
		--var "KOMMUNKIT_RATE_LIMIT:$limit"
	worker_pid=$started_pid
}

start_ns=$(date +%s%N)
worker worker 0
main_pid=$worker_pid
main_url="http://127.0.0.1:$worker_port"
wait_log worker "$tmp/worker.log" "Ready on"
ready_ns=$(date +%s%N)
cold=$(curl -s -o /dev/null -w '%{time_total}' --max-time 60 "$main_url/api/policy")
wait_ready worker "$main_pid" "$main_url/api/policy"
log "Worker on $main_url: wrangler dev ready $(( (ready_ns - start_ns) / 1000000 )) ms after start (migrations included); first request (cold start) ${cold} s"


log "building and starting examples/site"
run "$GO" build -o "$tmp/site" ./examples/site
free_port
start site env KOMMUNKIT_STAFF_TOKEN="$staff_token" KOMMUNKIT_FORM_KEY="$form_key" \
	"$tmp/site" -addr "127.0.0.1:$port" -db "$tmp/site.db" -rate-limit 0
site_pid=$started_pid
site_url="http://127.0.0.1:$port"
wait_ready site "$site_pid" "$site_url/api/policy"

if [ "$mode" = bench ]; then
	KOMMUNKIT_WORKER_URL=$main_url KOMMUNKIT_SITE_URL=$site_url \
		KOMMUNKIT_STAFF_TOKEN=$staff_token KOMMUNKIT_FORM_KEY=$form_key \
		run "$GO" test -tags worker -count=1 -run '^$' -bench . -benchtime "${BENCHTIME:-200x}" ./examples/worker/e2e
	exit 0
fi

worker limited "$rate_limit"
limited_pid=$worker_pid
limited_url="http://127.0.0.1:$worker_port"
wait_ready limited "$limited_pid" "$limited_url/api/policy"


log "running the conformance suite and the parity test"
KOMMUNKIT_WORKER_URL=$main_url KOMMUNKIT_WORKER_LIMITED_URL=$limited_url \
	KOMMUNKIT_WORKER_RATE_LIMIT=$rate_limit KOMMUNKIT_SITE_URL=$site_url \
	KOMMUNKIT_STAFF_TOKEN=$staff_token KOMMUNKIT_FORM_KEY=$form_key \
	run "$GO" test -tags worker -count=1 ${TESTFLAGS:-} ./examples/worker/e2e

if grep -q "worker: " "$tmp/worker.log"; then
	log "the Worker logged errors:"; grep "worker: " "$tmp/worker.log" >&2; exit 1
fi
