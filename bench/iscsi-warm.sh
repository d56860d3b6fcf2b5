#!/usr/bin/env bash
# iSCSI reads with Streamboot's read cache cold and then warm, one server, one run:
#   1. iscsi-perf sequential 1 MiB QD 8 on a fresh server (cold read cache, warm page cache)
#   2. one pass over the whole image over NBD (fio), which fills the shared read cache
#   3. iscsi-perf sequential 1 MiB QD 8 and random 4 KiB QD 32 again (warm)
# Needs libiscsi-bin, fio (nbd engine), iperf3 (optional) and `./mvnw package`. No root needed.
# Usage: [STREAMBOOT_JAR=x.jar] [JAVA_OPTS=...] bench/iscsi-warm.sh [SECONDS_PER_RUN]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=${STREAMBOOT_JAR:-target/streamboot.jar}
work=$(mktemp -d /tmp/streamboot-warm.XXXXXX)
pid=
cleanup() { if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; sleep 2; kill -9 "$pid" 2>/dev/null || true; fi
            rm -rf "$work"; }
trap cleanup EXIT

head -c 1G /dev/urandom > "$work/disk.img"
initiator=iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test
sb() { "$java" -jar "$jar" "$@" --data-dir "$work/data" >/dev/null 2>&1; }
sb vdisk import "$work/disk.img" --name bench
sb client add --mac 52:54:00:be:9c:01 --name bench --iqn "$initiator"
sb assign --client bench --vdisk bench
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
"$java" ${JAVA_OPTS:-} -jar "$jar" serve --data-dir "$work/data" --bind 127.0.0.1 --dhcp off \
    --tftp-port 0 --http-port 0 --iscsi-port 13390 --nbd-port 13391 >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 120); do grep -q "is ready" "$work/server.log" && break; sleep 0.5; done
cat "$work"/data/vdisks/bench/v*.raw >/dev/null  # the page cache is warm for every step
url=iscsi://127.0.0.1:13390/iqn.2026-11.org.streamboot:vdisk.bench/0
perf() {
  timeout "$((secs + 5))" iscsi-perf -i "$initiator" "$@" "$url" 2>&1 | tr '\r' '\n' \
    | grep -o 'iops average [0-9]* ([0-9]* MB/s)' | tail -1 || true
}
loopback() { # one loopback TCP stream (iperf3), the yardstick of the sequential goal, in Mbit/s
  if command -v iperf3 >/dev/null; then
    iperf3 -s -1 -p 13394 >/dev/null 2>&1 & sleep 1
    iperf3 -c 127.0.0.1 -p 13394 -l 1M -t "$secs" -f m 2>/dev/null | awk '/receiver/{print $7}'
  fi
}
before=$(loopback)
echo "| pattern | Streamboot |"
echo "|---|---|"
echo "| iSCSI seq 1 MiB QD 8, cold read cache | $(perf -m 8 -b 2048) |"
fio --name=warm --ioengine=nbd --uri=nbd://127.0.0.1:13391/bench --rw=read --bs=1M --iodepth=8 --size=1G \
    --output-format=terse --terse-version=3 >/dev/null 2>&1
echo "| iSCSI seq 1 MiB QD 8, warm read cache | $(perf -m 8 -b 2048) |"
echo "| iSCSI rand 4 KiB QD 32, warm read cache | $(perf -r -m 32 -b 8) |"
after=$(loopback)
if [[ -n $before ]]; then
  echo "| TCP loopback, 1 stream (iperf3), before / after the runs | $before / $after Mbit/s |"
fi
