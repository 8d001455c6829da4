#!/usr/bin/env bash
# Load comparison of run-id against a plain app, a hand-written floor and Micrometer
# Tracing with Brave (see benchmarks/README.md).
#
# Builds the trivial app of each stack once per variant (Maven profile "load", outside
# the default reactor), then for ROUNDS rounds starts each variant in a fresh JVM pinned
# to SERVER_CPU, warms it up with wrk pinned to LOAD_CPU on 127.0.0.1, and measures the
# server's CPU time (utime + stime from /proc/PID/stat) per completed request. Variants
# are rotated within each round. Prints per-variant medians: CPU per request, the
# efficiency relative to plain (plain CPU per request / variant CPU per request, paired
# per round) and the CPU added per request in microseconds.
#
# Loopback only, bounded in time: every wrk run has a fixed duration, a server gets
# STARTUP_TIMEOUT seconds to answer, and no new run starts after MAX_MINUTES.
#
# Settings (environment): STACKS ("mvc webflux"), ROUNDS (5), WARMUP (8 s, repeated
# until WARMUP_REQUESTS (40000) requests or WARMUP_MAX (40 s) have passed), MEASURE
# (10 s), CONNECTIONS (16), INBOUND (1: every request carries a valid X-Run-Id; 0: none,
# so the servers mint one), PORT (18481), JAVA (java), JAVA_OPTS, SERVER_CPU (0),
# LOAD_CPU (1), SKIP_BUILD (0), MAX_MINUTES (40), STARTUP_TIMEOUT (180), OUT (results
# directory, default benchmarks/load/results/<UTC time>).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STACKS=${STACKS:-"mvc webflux"}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-8}
WARMUP_REQUESTS=${WARMUP_REQUESTS:-40000}
WARMUP_MAX=${WARMUP_MAX:-40}
MEASURE=${MEASURE:-10}
CONNECTIONS=${CONNECTIONS:-16}
INBOUND=${INBOUND:-1}
PORT=${PORT:-18481}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xms256m -Xmx256m -XX:-UseDynamicNumberOfCompilerThreads"}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
MAX_MINUTES=${MAX_MINUTES:-40}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
OUT=${OUT:-"$ROOT/benchmarks/load/results/$(date -u +%Y%m%dT%H%M%SZ)"}
RUN_ID_HEADER="X-Run-Id: 0192f0c4-7a3e-7cc2-9d43-6a1b2c3d4e5f"
URL="http://127.0.0.1:$PORT"
CLK_TCK=$(getconf CLK_TCK)
DEADLINE=$(($(date +%s) + MAX_MINUTES * 60))
SERVER_PID=""

stop_server() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=""
}
trap stop_server EXIT INT TERM

# The variants of a stack; plain comes first (the reference).
variants() {
	case "$1" in
		mvc) echo "plain floor starter tracing" ;;
		webflux) echo "plain floor floor-auto starter tracing" ;;
		*) echo "unknown stack $1" >&2; exit 2 ;;
	esac
}

# The jar (by build profile) and the arguments of a variant.
jar_of() {
	case "$2" in
		plain | floor | floor-auto) echo "$ROOT/benchmarks/load/$1/target/plain/app.jar" ;;
		*) echo "$ROOT/benchmarks/load/$1/target/$2/app.jar" ;;
	esac
}

# floor-auto is the floor with Reactor's automatic context propagation on; WebFlux
# tracing needs it too, to have the baggage in the MDC in the pipeline's operators
args_of() {
	case "$1/$2" in
		*/floor) echo "--load.floor=true" ;;
		*/floor-auto) echo "--load.floor=true --spring.reactor.context-propagation=auto" ;;
		webflux/tracing) echo "--spring.reactor.context-propagation=auto" ;;
		*) echo "" ;;
	esac
}

# "TOTAL JIT": the CPU clock ticks (utime + stime, fields 14 and 15 of /proc/PID/stat)
# of the whole server process, and of its JIT compiler threads alone, which still
# compile during the first measured seconds on a busy machine (compiler threads are
# kept alive with -XX:-UseDynamicNumberOfCompilerThreads so that none of their time is
# lost)
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

median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

build() {
	local stack=$1 profile
	for profile in plain starter tracing; do
		local profiles="load"
		[ "$profile" != plain ] && profiles="load,load-$profile"
		echo "== building $stack/$profile"
		if ! (cd "$ROOT" && mvn -B -ntp -P "$profiles" -pl "benchmarks/load/$stack" -am package -DskipTests \
			-Dspring-javaformat.skip=true >"$OUT/build-$stack-$profile.log" 2>&1); then
			tail -40 "$OUT/build-$stack-$profile.log" >&2
			exit 1
		fi
	done
}

run_one() {
	local stack=$1 variant=$2 round=$3
	local jar log wrk_out header=()
	jar=$(jar_of "$stack" "$variant")
	log="$OUT/$stack-$variant-$round.log"
	wrk_out="$OUT/$stack-$variant-$round.wrk"
	[ "$INBOUND" = 1 ] && header=(-H "$RUN_ID_HEADER")
	if curl -s -o /dev/null "$URL/hello"; then
		echo "something already answers on port $PORT: stop it or set PORT" >&2
		return 1
	fi
	# shellcheck disable=SC2046
	taskset -c "$SERVER_CPU" "$JAVA" $JAVA_OPTS -jar "$jar" --server.port="$PORT" --server.address=127.0.0.1 \
		$(args_of "$stack" "$variant") >"$log" 2>&1 &
	SERVER_PID=$!
	local waited=0
	until curl -s -o /dev/null "$URL/hello"; do
		if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$waited" -ge "$STARTUP_TIMEOUT" ]; then
			echo "server $stack/$variant did not start, see $log" >&2
			stop_server
			return 1
		fi
		sleep 1
		waited=$((waited + 1))
	done
	if [ "$round" = 1 ]; then
		printf '%s/%s: %s | response %s\n' "$stack" "$variant" "$(curl -s "${header[@]}" "$URL/check")" \
			"$(curl -s -D - -o /dev/null "${header[@]}" "$URL/hello" | tr -d '\r' | grep -i '^x-run-id' || echo 'without X-Run-Id')" \
			| tee -a "$OUT/checks.txt"
	fi
	# warm up for WARMUP seconds and at least WARMUP_REQUESTS requests (a JVM that gets a
	# small share of a busy core needs more time to compile its hot paths), at most
	# WARMUP_MAX seconds
	local warmed=0 warm_start=$SECONDS
	while :; do
		warmed=$((warmed + $(taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${header[@]}" \
			"$URL/hello" | awk '/requests in/ { print $1 }')))
		if [ "$warmed" -ge "$WARMUP_REQUESTS" ] || [ $((SECONDS - warm_start)) -ge "$WARMUP_MAX" ]; then
			break
		fi
	done
	local before after
	read -r -a before <<<"$(cpu_ticks "$SERVER_PID")"
	taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${MEASURE}s" "${header[@]}" "$URL/hello" >"$wrk_out"
	read -r -a after <<<"$(cpu_ticks "$SERVER_PID")"
	stop_server
	local ticks=$((after[0] - before[0])) jit_ticks=$((after[1] - before[1]))
	local requests rps errors
	requests=$(awk '/requests in/ { print $1 }' "$wrk_out")
	rps=$(awk '/Requests\/sec/ { print $2 }' "$wrk_out")
	errors=$(awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }' "$wrk_out")
	if [ -n "$errors" ]; then
		echo "warning: $stack/$variant round $round: $errors" >&2
	fi
	local cpu_us nojit_us
	cpu_us=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.3f", t / hz * 1e6 / n }')
	nojit_us=$(awk -v t="$((ticks - jit_ticks))" -v hz="$CLK_TCK" -v n="$requests" \
		'BEGIN { printf "%.3f", t / hz * 1e6 / n }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stack" "$variant" "$round" "$requests" "$ticks" "$cpu_us" \
		"$rps" "$jit_ticks" "$nojit_us" >>"$OUT/raw.tsv"
	printf '   %-8s %-11s round %s: warm-up %6s requests, %8s requests, %8s CPU us/request (%8s without JIT threads), %8s req/s\n' \
		"$stack" "$variant" "$round" "$warmed" "$requests" "$cpu_us" "$nojit_us" "$rps"
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
		local cpu eff effmin effmax added rps
		cpu=$(awk -v s="$stack" -v v="$variant" -v c="$col" '$1 == s && $2 == v { print $c }' "$OUT/raw.tsv" | median)
		rps=$(awk -v s="$stack" -v v="$variant" '$1 == s && $2 == v { print $7 }' "$OUT/raw.tsv" | median)
		# pair each round's variant with that round's plain
		local pairs
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
	echo "settings: STACKS=$STACKS ROUNDS=$ROUNDS WARMUP=$WARMUP WARMUP_REQUESTS=$WARMUP_REQUESTS" \
		"WARMUP_MAX=$WARMUP_MAX MEASURE=$MEASURE CONNECTIONS=$CONNECTIONS INBOUND=$INBOUND"
} | tee "$OUT/machine.txt"

if [ "$SKIP_BUILD" != 1 ]; then
	for stack in $STACKS; do
		build "$stack"
	done
fi

: >"$OUT/raw.tsv"
for round in $(seq 1 "$ROUNDS"); do
	for stack in $STACKS; do
		read -r -a order <<<"$(variants "$stack")"
		n=${#order[@]}
		echo "== $stack round $round"
		for i in $(seq 0 $((n - 1))); do
			# rotate the order each round, so that no variant always runs first or last
			variant=${order[$(((i + round - 1) % n))]}
			if [ "$(date +%s)" -ge "$DEADLINE" ]; then
				echo "MAX_MINUTES=$MAX_MINUTES reached: stopping early" >&2
				break 3
			fi
			run_one "$stack" "$variant" "$round"
		done
	done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
for stack in $STACKS; do
	summary "$stack" 6 "server process CPU per request"
	summary "$stack" 9 "server CPU per request without the JIT compiler threads"
done | tee "$OUT/summary.md"
echo
echo "raw figures: $OUT/raw.tsv"
