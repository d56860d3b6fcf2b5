#!/bin/busybox sh
# /init of the Streamboot streaming vDisk. The kernel came over iSCSI through iPXE's INT 13h;
# now Linux attaches the same vDisk itself, over NBD, as this PC ("VDISK/HOST", the export
# that reaches the PC's own write cache), and:
#   - hashes stream.bin, a file SYSLINUX never read (S3: the OS streams the rest);
#   - prints the mark sector, then writes its own mark there (S4: write-cache semantics);
#   - prints the mark sector as the shared read-only export "VDISK" sees it (the base).
# Addresses and names come from the iBFT iPXE left behind, so the image is the same for every PC.
/bin/busybox --install -s /bin
export PATH=/bin LD_LIBRARY_PATH=/lib
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
. /etc/disk.conf
echo
echo "STREAMBOOT-LINUX-UP kernel $(uname -r)"
fail() {
    echo "STREAMBOOT-FAIL $*"
    poweroff -f
}
for m in iscsi_boot_sysfs iscsi_ibft e1000 nbd; do
    insmod /lib/modules/$m.ko || fail "insmod $m"
done
[ -r /sys/firmware/ibft/ethernet0/ip-addr ] || fail "no iBFT"
ip=$(cat /sys/firmware/ibft/ethernet0/ip-addr)
host=$(cat /sys/firmware/ibft/ethernet0/hostname)
target=$(cat /sys/firmware/ibft/target0/target-name)
server=$(cat /sys/firmware/ibft/target0/ip-addr)
vdisk=${target##*:vdisk.}
echo "NBD-AS ip=$ip host=$host vdisk=$vdisk server=$server"
ip link set lo up
ip link set eth0 up || fail "no eth0"
ip addr add "$ip/24" dev eth0
# The e1000 link comes up a moment after the driver loads; nbd-client does not retry.
n=0
until nbd-client -N "$vdisk/$host" "$server" 10809 /dev/nbd0; do
    n=$((n + 1))
    [ $n -lt 10 ] || fail "nbd-client $vdisk/$host"
    sleep 1
done
sum=$(dd if=/dev/nbd0 bs=512 skip="$STREAM_LBA" count="$STREAM_SECTORS" 2>/dev/null | sha256sum)
echo "STREAM-SHA256=${sum%% *}"
mark=$(dd if=/dev/nbd0 bs=512 skip="$MARK_LBA" count=1 2>/dev/null | tr -dc 'A-Z0-9-')
echo "MARK-BEFORE=$mark"
printf 'STREAMBOOT-CLIENT-MARK' | dd of=/dev/nbd0 bs=512 seek="$MARK_LBA" count=1 conv=sync,notrunc 2>/dev/null || fail "write"
sync
blockdev --flushbufs /dev/nbd0
nbd-client -d /dev/nbd0
echo "MARK-WRITTEN"
nbd-client -N "$vdisk" "$server" 10809 /dev/nbd1 || fail "nbd-client $vdisk"
base=$(dd if=/dev/nbd1 bs=512 skip="$MARK_LBA" count=1 2>/dev/null | tr -dc 'A-Z0-9-')
echo "BASE-MARK=$base"
nbd-client -d /dev/nbd1
echo "STREAMBOOT-LINUX-DONE"
poweroff -f
