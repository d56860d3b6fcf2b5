#!/usr/bin/env bash
# NBD read throughput in alternating rounds, Streamboot's two views of one vDisk against nbdkit:
#   base    export "bench"        (read-only shared base: CachedDevice -> RawImage)
#   client  export "bench/bench"  (a client's session: AccessRecorder -> CowOverlay ->
#                                  BootProfileRecorder -> CachedDevice -> RawImage)
#   nbdkit  nbdkit's file plugin on the same image
# Each round runs every server once per pattern (seq 1 MiB QD 8, random 4 KiB QD 32); the
# script prints every sample and the medians. With JFR=FILE the server records a flight
# recording there (inspect with `jfr print --events jdk.ExecutionSample FILE`). With
# BEFORE=JAR a second server from an older build serves a copy of the same data directory
# (rows "old base", "old client"), so a change is measured against its baseline in one run.
# Needs nbdkit, fio (nbd engine) and `./mvnw package`. No root needed.
# Usage: bench/nbd-rounds.sh [SECONDS_PER_RUN] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
rounds=${2:-3}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
work=$(mktemp -d /tmp/streamboot-nbd.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep "$([[ -n ${JFR:-} ]] && echo 5 || echo 1)"
            for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

head -c 1G /dev/urandom > "$work/disk.img"
sb() { "$java" -jar target/streamboot.jar "$@" --data-dir "$work/data" >/dev/null; }
sb vdisk import "$work/disk.img" --name bench
sb client add --mac 52:54:00:be:9c:01 --name bench --iqn iqn.2026-11.bench:client
sb assign --client bench --vdisk bench
targets=(base client nbdkit)
if [[ -n "${BEFORE:-}" ]]; then
  cp -a "$work/data" "$work/data-before"
  "$java" -jar "$BEFORE" serve --data-dir "$work/data-before" --bind 127.0.0.1 --dhcp off \
      --tftp-port 0 --http-port 0 --iscsi-port 0 --nbd-port 13392 >"$work/server-before.log" 2>&1 &
  pids+=($!)
  targets=(old-base base old-client client nbdkit)
fi
jfr=()
if [[ -n "${JFR:-}" ]]; then jfr=("-XX:StartFlightRecording=filename=$JFR,settings=profile"); fi
"$java" "${jfr[@]}" -jar target/streamboot.jar serve --data-dir "$work/data" --bind 127.0.0.1 --dhcp off \
    --tftp-port 0 --http-port 0 --iscsi-port 0 --nbd-port 13391 >"$work/server.log" 2>&1 &
pids+=($!)
nbdkit -P "$work/nbdkit.pid" -p 13393 -i 127.0.0.1 file "$work/disk.img"
for port in 13391 ${BEFORE:+13392}; do
  for _ in $(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 1; done
done
sleep 1
pids+=("$(cat "$work/nbdkit.pid")")

fio_nbd() { # port export rw bs depth -> "MB/s IOPS"
  fio --name=b --ioengine=nbd --uri="nbd://127.0.0.1:$1/$2" --rw="$3" --bs="$4" --iodepth="$5" \
      --runtime="$secs" --time_based --size=1G --output-format=terse --terse-version=3 2>/dev/null \
      | grep '^3;' | tail -1 | awk -F';' '{printf "%.0f %.0f\n", $7*1024/1e6, $8}'
}
cat "$work/disk.img" "$work"/data/vdisks/bench/v*.raw "$work"/data-before/vdisks/bench/v*.raw >/dev/null 2>&1 || true
# One unmeasured pass over the whole disk per server: fills the read caches and warms the JIT,
# so the rounds compare steady states. NO_WARMUP=1 skips it: round 1 then shows cold read caches.
[[ -n "${NO_WARMUP:-}" ]] || for port_export in 13391/bench 13391/bench/bench ${BEFORE:+13392/bench 13392/bench/bench} 13393/; do
  fio --name=w --ioengine=nbd --uri="nbd://127.0.0.1:$port_export" --rw=read --bs=1M --iodepth=8 \
      --size=1G >/dev/null 2>&1 || true
done
declare -A samples
for ((r = 1; r <= rounds; r++)); do
  # Warm the page cache with the files each server reads (Streamboot serves its imported copy).
  cat "$work/disk.img" "$work"/data/vdisks/bench/v*.raw "$work"/data-before/vdisks/bench/v*.raw >/dev/null 2>&1 || true
  for target in "${targets[@]}"; do
    case $target in
      base) port=13391 export=bench ;;
      client) port=13391 export=bench/bench ;;
      old-base) port=13392 export=bench ;;
      old-client) port=13392 export=bench/bench ;;
      nbdkit) port=13393 export= ;;
    esac
    read -r mbs _ < <(fio_nbd "$port" "$export" read 1M 8)
    read -r _ iops < <(fio_nbd "$port" "$export" randread 4k 32)
    echo "round $r $target: seq ${mbs} MB/s, rand ${iops} IOPS" >&2
    samples[$target.seq]+="$mbs "
    samples[$target.rand]+="$iops "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
row() { # pattern-key unit
  local line="| $2 |"
  for target in "${targets[@]}"; do line+=" $(median <<<"${samples[$target.$1]}") |"; done
  echo "$line"
}
header="| NBD, $rounds rounds × ${secs} s, medians |"
for target in "${targets[@]}"; do header+=" $target |"; done
echo "$header"
echo "|---|$(printf -- '---|%.0s' "${targets[@]}")"
row seq "seq 1 MiB QD 8, MB/s"
row rand "rand 4 KiB QD 32, IOPS"
