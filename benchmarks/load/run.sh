#!/usr/bin/env bash
# Load comparison of run-id against a plain app, a hand-written floor and Micrometer
# Tracing with Brave (see benchmarks/README.md).
#
# Builds the trivial app of each stack once per variant (Maven profile "load", outside
# the default reactor). Then, for each of ROUNDS rounds, starts every variant of a stack
# in a fresh JVM pinned to SERVER_CPU (each on its own port), warms them up with wrk
# pinned to LOAD_CPU on 127.0.0.1 until the JIT compiler has settled in each (on one CPU
# that took 45 to 85 s of load; a server measured earlier still runs part of its code
# interpreted), and measures them in interleaved slices: SLICES times
# in turn (the order rotates), SLICE seconds of load on one server while the others
# idle. A server's CPU time (utime + stime from /proc/PID/stat) over its slices divided
# by the requests it completed in them is its CPU per request. Interleaving short slices
# exposes every variant to the same background load of a shared machine; fresh JVMs per
# round average out JVM-to-JVM differences.
#
# Prints per variant the median over rounds of: CPU per request, the efficiency
# relative to plain (plain CPU per request / variant CPU per request, paired per round)
# and the CPU added per request in microseconds; once for the whole server process and
# once without the JIT compiler threads.
#
# Loopback only, bounded in time: every wrk run has a fixed duration, servers get
# STARTUP_TIMEOUT seconds to answer, warm-up stops after WARMUP_MAX seconds of load per
# server, and no round starts after MAX_MINUTES (a round that has started runs to its
# end). With the defaults a round of three variants typically takes about 6 minutes on a
# 2-core machine (at most WARMUP_MAX per variant of warm-up), so about 30 minutes per
# stack for five rounds.
#
# Settings (environment): STACKS ("mvc webflux"), VARIANTS (all of the stack), ROUNDS
# (5), WARMUP (5 s per burst, repeated until each server had WARMUP_REQUESTS (120000)
# requests and its JIT compiler threads took less than WARMUP_JIT (2) percent of its CPU
# in two bursts in a row, or WARMUP_MAX (240 s) of load; whole numbers; the result says which servers
# were still compiling), SLICES (5), SLICE (3 s), CONNECTIONS (16), INBOUND (1: every request carries a
# valid X-Run-Id; 0: none, so the servers mint one), PORT (first port, 18481), JAVA
# (java), JAVA_OPTS, SERVER_CPU (0), LOAD_CPU (1), SKIP_BUILD (0), MAX_MINUTES (60),
# STARTUP_TIMEOUT (240), OUT (results directory, default
# benchmarks/load/results/<UTC time>).
#
# RATE (0) measures at a fixed rate instead of as fast as wrk can send: with RATE=N, the
# requests of RATE_CONNECTIONS (64) connections follow a schedule of N requests a second
# (paced.lua), so every variant serves the same rate and the load CPU has time to spare.
# At full speed a variant whose work runs partly on the load CPU (starter-jdbc's
# PostgreSQL) serves fewer requests a second, and a server at a lower rate spends more CPU
# per request on everything (fewer requests per wakeup), which the ratio would count
# against the variant. Warm-up runs at the same rate, so that the JIT compiler settles on
# the code the slices run (warmed up at full speed over 16 connections, the servers went
# on compiling in the paced slices: up to 12 % of their CPU in the JIT threads).
#
# DB_PROCESS (postgres) names the database's processes (pgrep -x): their CPU time during
# each variant's slices and the second after each (the JDBC store's writer flushes every
# 250 ms), per request, is printed beside the server's (starter-jdbc's writes; near 0 for
# the other variants), and summed up in a table of its own when a variant used the
# database. Empty, or no such process running: not measured (and no second's wait).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STACKS=${STACKS:-"mvc webflux"}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-5}
WARMUP_REQUESTS=${WARMUP_REQUESTS:-120000}
WARMUP_JIT=${WARMUP_JIT:-2}
WARMUP_MAX=${WARMUP_MAX:-240}
SLICES=${SLICES:-5}
SLICE=${SLICE:-3}
CONNECTIONS=${CONNECTIONS:-16}
RATE=${RATE:-0}
RATE_CONNECTIONS=${RATE_CONNECTIONS:-64}
DB_PROCESS=${DB_PROCESS-postgres}
INBOUND=${INBOUND:-1}
PORT=${PORT:-18481}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xms256m -Xmx256m -XX:-UseDynamicNumberOfCompilerThreads"}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
MAX_MINUTES=${MAX_MINUTES:-60}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-240}
OUT=${OUT:-"$ROOT/benchmarks/load/results/$(date -u +%Y%m%dT%H%M%SZ)"}
if ! [[ $RATE =~ ^[0-9]+$ ]]; then
	echo "RATE must be a whole number of requests a second (0: as fast as wrk can), not '$RATE'" >&2
	exit 2
fi
for setting in ROUNDS WARMUP WARMUP_REQUESTS WARMUP_JIT WARMUP_MAX SLICES SLICE CONNECTIONS RATE_CONNECTIONS MAX_MINUTES; do
	if ! [[ ${!setting} =~ ^[0-9]+$ ]] || [ "${!setting}" -eq 0 ]; then
		echo "$setting must be a whole number above 0, not '${!setting}'" >&2
		exit 2
	fi
done
RUN_ID_HEADER="X-Run-Id: 0192f0c4-7a3e-7cc2-9d43-6a1b2c3d4e5f"
CLK_TCK=$(getconf CLK_TCK)
DEADLINE=$(($(date +%s) + MAX_MINUTES * 60))
SERVER_PIDS=()
HEADER=()
[ "$INBOUND" = 1 ] && HEADER=(-H "$RUN_ID_HEADER")

stop_servers() {
	local pid
	for pid in "${SERVER_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${SERVER_PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	SERVER_PIDS=()
}
trap stop_servers EXIT INT TERM

# The variants of a stack; plain comes first (the reference). VARIANTS (for example
# "plain floor starter") measures a subset.
variants() {
	if [ -n "${VARIANTS:-}" ]; then
		echo "$VARIANTS"
		return
	fi
	case "$1" in
		mvc) echo "plain floor starter starter-registry-off tracing" ;;
		webflux) echo "plain floor floor-auto starter starter-auto starter-registry-off tracing" ;;
		*) echo "unknown stack $1" >&2; exit 2 ;;
	esac
}

# The jar of a variant (one per build profile).
jar_of() {
	case "$2" in
		plain | floor | floor-auto) echo "$ROOT/benchmarks/load/$1/target/plain/app.jar" ;;
		starter-auto | starter-off | starter-registry-off) echo "$ROOT/benchmarks/load/$1/target/starter/app.jar" ;;
		*) echo "$ROOT/benchmarks/load/$1/target/$2/app.jar" ;;
	esac
}

# The arguments of a variant. floor-auto is the floor with Reactor's automatic context
# propagation on, starter-auto the starter with it (run-id's setting for signals from
# threads it cannot see), starter-off the starter's jar with run-id.enabled=false (not in
# the default lists: what the jars cost without run-id's beans), starter-registry-off the
# starter without its run registry (the default starter records every run in memory),
# starter-jdbc the starter recording into PostgreSQL (not in the default lists: it needs
# the load-starter-jdbc build profile and a database, see benchmarks/README.md); WebFlux tracing
# needs it too, to have the baggage in the MDC in the pipeline's operators.
args_of() {
	case "$1/$2" in
		*/floor) echo "--load.floor=true" ;;
		*/floor-auto) echo "--load.floor=true --spring.reactor.context-propagation=auto" ;;
		*/starter-auto) echo "--run-id.reactor.automatic-context-propagation=true" ;;
		*/starter-off) echo "--run-id.enabled=false" ;;
		# the starter's default records every run in the in-memory registry; this is
		# the starter without the registry
		*/starter-registry-off) echo "--run-id.registry.enabled=false" ;;
		# the JDBC registry (PostgreSQL on this machine): built with the load-starter-jdbc
		# profile (spring-boot-starter-jdbc and the driver); JDBC_URL, JDBC_USER, JDBC_PASSWORD
		*/starter-jdbc) echo "--run-id.registry.store=jdbc --spring.datasource.url=${JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/runid} --spring.datasource.username=${JDBC_USER:-runid} --spring.datasource.password=${JDBC_PASSWORD:-runid} --run-id.registry.jdbc.initialize-schema=always" ;;
		webflux/tracing) echo "--spring.reactor.context-propagation=auto" ;;
		*) echo "" ;;
	esac
}

# "TOTAL JIT": the CPU clock ticks (utime + stime, fields 14 and 15 of /proc/PID/stat)
# of a server process, and of its JIT compiler threads alone, which may still compile
# during the first measured seconds on a busy machine (compiler threads are kept alive
# with -XX:-UseDynamicNumberOfCompilerThreads so that none of their time is lost).
cpu_ticks() {
	local total jit=0 task
	total=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat")
	for task in /proc/"$1"/task/*; do
		case "$(cat "$task/comm" 2>/dev/null)" in
			C1\ Compiler* | C2\ Compiler*)
				jit=$((jit + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$task/stat" 2>/dev/null || echo 0))) ;;
		esac
	done
	echo "$total $jit"
}

# The CPU clock ticks of the database's processes (DB_PROCESS), one "PID TICKS" line each;
# nothing when DB_PROCESS is empty or none runs.
db_ticks() {
	local pid
	if [ -z "$DB_PROCESS" ]; then
		return
	fi
	for pid in $(pgrep -x "$DB_PROCESS" || true); do
		awk -v p="$pid" '{ sub(/^.*\) /, ""); print p, $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || true
	done
}

# db_delta BEFORE AFTER: the ticks the database's processes took between two db_ticks
# (a process that started in between counts whole, one that ended is lost)
db_delta() {
	awk 'NR == FNR { b[$1] = $2; next } { d += $2 - (($1 in b) ? b[$1] : 0) } END { print d + 0 }' \
		<(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# load PORT SECONDS [paced]: run wrk (at RATE requests a second when the third argument
# is "paced" and RATE is set) and print the number of completed requests; errors go to
# stderr
load() {
	local output
	local -a mode=(-c"$CONNECTIONS")
	if [ "${3:-}" = paced ] && [ "$RATE" != 0 ]; then
		mode=(-c"$RATE_CONNECTIONS" -s "$ROOT/benchmarks/load/paced.lua")
	fi
	output=$(RATE=$RATE taskset -c "$LOAD_CPU" wrk -t1 "${mode[@]}" -d"$2s" "${HEADER[@]}" "http://127.0.0.1:$1/hello")
	if grep -q -E 'Non-2xx|Socket errors' <<<"$output"; then
		echo "warning: port $1: $(grep -E 'Non-2xx|Socket errors' <<<"$output" | tr '\n' ' ')" >&2
	fi
	awk '/requests in/ { print $1 }' <<<"$output"
}

median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

build() {
	local stack=$1 profile
	# EXTRA_BUILDS adds variants with a build profile of their own (load-VARIANT), for
	# example "starter-jdbc" once the load apps have a load-starter-jdbc profile
	for profile in plain starter tracing ${EXTRA_BUILDS:-}; do
		local profiles="load"
		[ "$profile" != plain ] && profiles="load,load-$profile"
		echo "== building $stack/$profile"
		# from scratch: Boot's repackage leaves an already repackaged jar as it is, with
		# the run-id jars of an earlier build inside
		rm -rf "$ROOT/benchmarks/load/$stack/target/$profile"
		if ! (cd "$ROOT" && mvn -B -ntp -P "$profiles" -pl "benchmarks/load/$stack" -am package -DskipTests \
			-Dspring-javaformat.skip=true >"$OUT/build-$stack-$profile.log" 2>&1); then
			tail -40 "$OUT/build-$stack-$profile.log" >&2
			exit 1
		fi
	done
}

run_round() {
	local stack=$1 round=$2 i n variant port
	local -a names
	read -r -a names <<<"$(variants "$stack")"
	n=${#names[@]}
	for i in "${!names[@]}"; do
		port=$((PORT + i))
		if curl -s -o /dev/null "http://127.0.0.1:$port/hello"; then
			echo "something already answers on port $port: stop it or set PORT" >&2
			exit 1
		fi
	done
	for i in "${!names[@]}"; do
		variant=${names[$i]}
		# shellcheck disable=SC2046
		taskset -c "$SERVER_CPU" "$JAVA" $JAVA_OPTS -jar "$(jar_of "$stack" "$variant")" \
			--server.port=$((PORT + i)) --server.address=127.0.0.1 $(args_of "$stack" "$variant") \
			>"$OUT/$stack-$variant-$round.log" 2>&1 &
		SERVER_PIDS+=($!)
	done
	local waited=0
	for i in "${!names[@]}"; do
		until curl -s -o /dev/null "http://127.0.0.1:$((PORT + i))/hello"; do
			if ! kill -0 "${SERVER_PIDS[$i]}" 2>/dev/null || [ "$waited" -ge "$STARTUP_TIMEOUT" ]; then
				echo "server $stack/${names[$i]} did not start, see $OUT/$stack-${names[$i]}-$round.log" >&2
				exit 1
			fi
			sleep 1
			waited=$((waited + 1))
		done
	done
	if [ "$round" = 1 ]; then
		for i in "${!names[@]}"; do
			printf '%s/%s: %s | response %s\n' "$stack" "${names[$i]}" \
				"$(curl -s "${HEADER[@]}" "http://127.0.0.1:$((PORT + i))/check")" \
				"$(curl -s -D - -o /dev/null "${HEADER[@]}" "http://127.0.0.1:$((PORT + i))/hello" | tr -d '\r' \
					| grep -i '^x-run-id' || echo 'without X-Run-Id')" | tee -a "$OUT/checks.txt"
		done
	fi
	# warm up in turns, WARMUP seconds of load at a time, until every server is warm: it
	# had WARMUP_REQUESTS requests and its JIT compiler threads took less than WARMUP_JIT
	# percent of its CPU time in each of its last two bursts (compilation has settled), or
	# it had WARMUP_MAX seconds of load. A server that is still compiling runs part of its
	# code interpreted or at a lower tier, and the variant with more code to compile would
	# look slower than it is once warm.
	local -a warmed=() warm_time=() quiet=() before after
	for i in "${!names[@]}"; do
		warmed[$i]=0
		warm_time[$i]=0
		quiet[$i]=0
	done
	local busy=1
	while [ "$busy" = 1 ]; do
		busy=0
		for i in "${!names[@]}"; do
			if [ "${quiet[$i]}" -ge 2 ] && [ "${warmed[$i]}" -ge "$WARMUP_REQUESTS" ]; then
				continue
			fi
			if [ "${warm_time[$i]}" -ge "$WARMUP_MAX" ]; then
				continue
			fi
			read -r -a before <<<"$(cpu_ticks "${SERVER_PIDS[$i]}")"
			warmed[$i]=$((warmed[i] + $(load $((PORT + i)) "$WARMUP" paced)))
			read -r -a after <<<"$(cpu_ticks "${SERVER_PIDS[$i]}")"
			warm_time[$i]=$((warm_time[i] + WARMUP))
			if [ $(((after[1] - before[1]) * 100)) -lt $(((after[0] - before[0]) * WARMUP_JIT)) ]; then
				quiet[$i]=$((quiet[i] + 1))
			else
				quiet[$i]=0
			fi
			busy=1
		done
	done
	# measure in interleaved slices, rotating the order
	local -a requests=() ticks=() jit=() db=()
	local slice k db_before
	for i in "${!names[@]}"; do
		requests[$i]=0
		ticks[$i]=0
		jit[$i]=0
		db[$i]=0
	done
	for slice in $(seq 0 $((SLICES - 1))); do
		for k in $(seq 0 $((n - 1))); do
			i=$(((k + slice + round) % n))
			db_before=$(db_ticks)
			read -r -a before <<<"$(cpu_ticks "${SERVER_PIDS[$i]}")"
			requests[$i]=$((requests[i] + $(load $((PORT + i)) "$SLICE" paced)))
			read -r -a after <<<"$(cpu_ticks "${SERVER_PIDS[$i]}")"
			if [ -n "$db_before" ]; then
				# the JDBC store's writer flushes every 250 ms: let it write the slice's
				# last records before the database's ticks are read
				sleep 1
			fi
			db[$i]=$((db[i] + $(db_delta "$db_before" "$(db_ticks)")))
			ticks[$i]=$((ticks[i] + after[0] - before[0]))
			jit[$i]=$((jit[i] + after[1] - before[1]))
		done
	done
	stop_servers
	for i in "${!names[@]}"; do
		local cpu_us nojit_us rps db_us
		cpu_us=$(awk -v t="${ticks[$i]}" -v hz="$CLK_TCK" -v n="${requests[$i]}" 'BEGIN { printf "%.3f", t / hz * 1e6 / n }')
		nojit_us=$(awk -v t="$((ticks[i] - jit[i]))" -v hz="$CLK_TCK" -v n="${requests[$i]}" \
			'BEGIN { printf "%.3f", t / hz * 1e6 / n }')
		rps=$(awk -v n="${requests[$i]}" -v s="$((SLICES * SLICE))" 'BEGIN { printf "%.0f", n / s }')
		db_us=$(awk -v t="${db[$i]}" -v hz="$CLK_TCK" -v n="${requests[$i]}" 'BEGIN { printf "%.3f", t / hz * 1e6 / n }')
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stack" "${names[$i]}" "$round" "${requests[$i]}" \
			"${ticks[$i]}" "$cpu_us" "$rps" "${jit[$i]}" "$nojit_us" "${warm_time[$i]}" "${quiet[$i]}" "$db_us" >>"$OUT/raw.tsv"
		printf '   %-8s %-11s round %s: warm-up %3s s %6s requests%s, %7s requests, %8s CPU us/request (%8s without JIT threads), %6s req/s, database %7s CPU us/request\n' \
			"$stack" "${names[$i]}" "$round" "${warm_time[$i]}" "${warmed[$i]}" \
			"$([ "${quiet[$i]}" -ge 2 ] || echo ' (still compiling: WARMUP_MAX reached)')" "${requests[$i]}" "$cpu_us" "$nojit_us" "$rps" "$db_us"
	done
}

# summary STACK COLUMN TITLE: the table of one measure (column 6: whole process, 9:
# without the JIT compiler threads)
summary() {
	local stack=$1 col=$2 title=$3 variant
	echo
	echo "### $stack, $title ($(awk -v s="$stack" '$1 == s && $2 == "plain"' "$OUT/raw.tsv" | wc -l) rounds)"
	echo
	echo "| variant | CPU us/request (median) | efficiency vs plain (median, min-max) | added CPU us/request (median) | req/s (median) |"
	echo "| --- | ---: | ---: | ---: | ---: |"
	for variant in $(variants "$stack"); do
		local cpu eff effmin effmax added rps pairs
		cpu=$(awk -v s="$stack" -v v="$variant" -v c="$col" '$1 == s && $2 == v { print $c }' "$OUT/raw.tsv" | median)
		rps=$(awk -v s="$stack" -v v="$variant" '$1 == s && $2 == v { print $7 }' "$OUT/raw.tsv" | median)
		# pair each round's variant with that round's plain
		pairs=$(awk -v s="$stack" -v v="$variant" -v c="$col" -F'\t' '$1 == s && $2 == "plain" { p[$3] = $c }
			$1 == s && $2 == v { x[$3] = $c } END { for (r in x) if (r in p) print p[r] / x[r], x[r] - p[r] }' \
			"$OUT/raw.tsv")
		eff=$(echo "$pairs" | awk 'NF { print $1 }' | median)
		effmin=$(echo "$pairs" | awk 'NF { print $1 }' | sort -g | head -1)
		effmax=$(echo "$pairs" | awk 'NF { print $1 }' | sort -g | tail -1)
		added=$(echo "$pairs" | awk 'NF { print $2 }' | median)
		printf '| %s | %.1f | %.3f (%.3f-%.3f) | %+.1f | %.0f |\n' "$variant" "$cpu" "$eff" "$effmin" "$effmax" "$added" "$rps"
	done
}

# database_summary STACK: for the variants whose slices made the database work (above
# 1 us per request in the median), its CPU per request and the server's plus the
# database's against plain's
database_summary() {
	local stack=$1 variant db ratios header=0
	for variant in $(variants "$stack"); do
		db=$(awk -v s="$stack" -v v="$variant" -F'\t' '$1 == s && $2 == v && NF >= 12 { print $12 }' "$OUT/raw.tsv" | median)
		if [ "$db" = nan ] || awk -v d="$db" 'BEGIN { exit !(d < 1) }'; then
			continue
		fi
		if [ "$header" = 0 ]; then
			echo
			echo "### $stack, the database's CPU per request ($DB_PROCESS processes)"
			echo
			echo "| variant | database CPU us/request (median) | server + database vs plain's server + database (median, min-max) |"
			echo "| --- | ---: | ---: |"
			header=1
		fi
		# pair each round's variant with that round's plain, as summary does
		ratios=$(awk -v s="$stack" -v v="$variant" -F'\t' '$1 == s && $2 == "plain" { p[$3] = $6 + $12 }
			$1 == s && $2 == v { x[$3] = $6 + $12 } END { for (r in x) if (r in p) print p[r] / x[r] }' "$OUT/raw.tsv")
		printf '| %s | %.1f | %.3f (%.3f-%.3f) |\n' "$variant" "$db" "$(echo "$ratios" | median)" \
			"$(echo "$ratios" | sort -g | head -1)" "$(echo "$ratios" | sort -g | tail -1)"
	done
}

mkdir -p "$OUT"
if ! command -v wrk >/dev/null; then
	echo "== installing wrk"
	apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null
fi
{
	echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
	echo "cpus: $(nproc); $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')"
	echo "java: $("$JAVA" -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS"
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "settings: STACKS=$STACKS VARIANTS=${VARIANTS:-all} ROUNDS=$ROUNDS WARMUP=$WARMUP WARMUP_REQUESTS=$WARMUP_REQUESTS" \
		"WARMUP_JIT=$WARMUP_JIT WARMUP_MAX=$WARMUP_MAX SLICES=$SLICES SLICE=$SLICE CONNECTIONS=$CONNECTIONS INBOUND=$INBOUND" \
		"RATE=$RATE RATE_CONNECTIONS=$RATE_CONNECTIONS DB_PROCESS=$DB_PROCESS"
} | tee "$OUT/machine.txt"

if [ "$SKIP_BUILD" != 1 ]; then
	for stack in $STACKS; do
		build "$stack"
	done
fi

: >"$OUT/raw.tsv"
for round in $(seq 1 "$ROUNDS"); do
	for stack in $STACKS; do
		if [ "$(date +%s)" -ge "$DEADLINE" ]; then
			echo "MAX_MINUTES=$MAX_MINUTES reached: stopping early" >&2
			break 2
		fi
		echo "== $stack round $round"
		run_round "$stack" "$round"
	done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
for stack in $STACKS; do
	summary "$stack" 6 "server process CPU per request"
	summary "$stack" 9 "server CPU per request without the JIT compiler threads"
	database_summary "$stack"
done | tee "$OUT/summary.md"
echo
echo "raw figures: $OUT/raw.tsv"
