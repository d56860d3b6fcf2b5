#!/usr/bin/env bash
# Block-target throughput, Streamboot against the reference servers on one image, one run:
#   iSCSI: Streamboot vs tgtd with iscsi-perf (sequential 1 MiB reads at QD 8, random 4 KiB at QD 32)
#   NBD:   Streamboot vs nbdkit with fio's nbd engine (same two patterns)
# Needs root (tgtd), Debian packages libiscsi-bin tgt nbdkit fio iperf3, and `./mvnw package`.
# Usage: [STREAMBOOT_JAR=x.jar] [WARMUP=0] bench/block-targets.sh [SECONDS_PER_RUN]   (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=${STREAMBOOT_JAR:-target/streamboot.jar}  # another build to compare (its lib/ beside it)
work=$(mktemp -d /tmp/streamboot-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
exec 2>/dev/null  # the killed servers' job notices are noise here

head -c 1G /dev/urandom > "$work/disk.img"
cp "$work/disk.img" "$work/tgtd.img"
sb() { "$java" -jar "$jar" "$@" --data-dir "$work/data" >/dev/null; }
initiator=iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test
sb vdisk import "$work/disk.img" --name bench
sb client add --mac 52:54:00:be:9c:01 --name bench --iqn "$initiator"
sb assign --client bench --vdisk bench
"$java" -jar "$jar" serve --data-dir "$work/data" --bind 127.0.0.1 --dhcp off \
    --tftp-port 0 --http-port 0 --iscsi-port 13290 --nbd-port 13291 >"$work/server.log" 2>&1 &
pids+=($!)
tgtd -f -C 29 --iscsi portal=127.0.0.1:13292 >/dev/null 2>&1 &
pids+=($!)
sleep 2
tgtadm -C 29 --lld iscsi --op new --mode target --tid 1 -T iqn.2026-11.bench:tgtd
tgtadm -C 29 --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 -b "$work/tgtd.img"
tgtadm -C 29 --lld iscsi --op bind --mode target --tid 1 -I ALL
nbdkit --exit-with-parent -f -p 13293 -i 127.0.0.1 file "$work/disk.img" &
pids+=($!)
sleep 2
# Warm the page cache for everyone, with the files each server reads: Streamboot serves the
# copy the import made, not disk.img; without this it read a cold disk against warm peers.
cat "$work/disk.img" "$work/tgtd.img" "$work"/data/vdisks/bench/v*.raw >/dev/null

perf() { # URL extra-args -> last throughput line of iscsi-perf
  timeout "$((secs + 5))" iscsi-perf -i "$initiator" "$@" 2>&1 | tr '\r' '\n' | grep -o 'iops average [0-9]* ([0-9]* MB/s)' | tail -1 || true
}
fio_nbd() { # port export rw bs depth
  fio --name=b --ioengine=nbd --uri="nbd://127.0.0.1:$1/$2" --rw="$3" --bs="$4" --iodepth="$5" \
      --runtime="$secs" --time_based --size=1G --output-format=terse --terse-version=3 2>/dev/null \
      | grep '^3;' | tail -1 | awk -F';' '{printf "%.0f MB/s, %.0f IOPS", $7*1024/1e6, $8}'
}
sb_url=iscsi://127.0.0.1:13290/iqn.2026-11.org.streamboot:vdisk.bench/0
tgt_url=iscsi://127.0.0.1:13292/iqn.2026-11.bench:tgtd/1
# One loopback TCP stream, the yardstick of the sequential goals. It varies by up to 60 % from
# minute to minute on a shared machine, so it is measured before and after the runs.
loopback() {
  if command -v iperf3 >/dev/null; then
    iperf3 -s -1 -p 13294 >/dev/null 2>&1 & sleep 1
    iperf3 -c 127.0.0.1 -p 13294 -l 1M -t "$secs" -f m 2>/dev/null | awk '/receiver/{print $7}'
  fi
}
# Steady state by default: one unmeasured sequential pass per server first, as the page cache
# is warmed above for all of them, so Streamboot's RAM read cache and JIT are warm too (a boot
# server runs for days). WARMUP=0 measures a freshly started Streamboot instead.
if [[ ${WARMUP:-1} != 0 ]]; then
  perf -m 8 -b 2048 "$sb_url" >/dev/null; perf -m 8 -b 2048 "$tgt_url" >/dev/null
  fio_nbd 13291 bench read 1M 8 >/dev/null; fio_nbd 13293 '' read 1M 8 >/dev/null
fi
before=$(loopback)
echo "| pattern | Streamboot | reference |"
echo "|---|---|---|"
echo "| iSCSI seq 1 MiB QD 8 (vs tgtd) | $(perf -m 8 -b 2048 "$sb_url") | $(perf -m 8 -b 2048 "$tgt_url") |"
echo "| iSCSI rand 4 KiB QD 32 (vs tgtd) | $(perf -r -m 32 -b 8 "$sb_url") | $(perf -r -m 32 -b 8 "$tgt_url") |"
echo "| NBD seq 1 MiB QD 8 (vs nbdkit) | $(fio_nbd 13291 bench read 1M 8) | $(fio_nbd 13293 '' read 1M 8) |"
echo "| NBD rand 4 KiB QD 32 (vs nbdkit) | $(fio_nbd 13291 bench randread 4k 32) | $(fio_nbd 13293 '' randread 4k 32) |"
after=$(loopback)
if [[ -n $before ]]; then
  echo "| TCP loopback, 1 stream (iperf3), before / after the runs | $before / $after Mbit/s | |"
fi
