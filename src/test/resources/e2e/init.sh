#!/bin/busybox sh
# /init of the Streamboot end-to-end Linux vDisk: say we are up, report the identity iPXE
# published in the iBFT, power off. BIOS iPXE leaves the iBFT in base memory, not among the
# ACPI tables, so the iscsi_ibft driver (with iscsi_boot_sysfs) is what exposes it.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo
echo "STREAMBOOT-LINUX-UP kernel $(uname -r)"
insmod /lib/modules/iscsi_boot_sysfs.ko
insmod /lib/modules/iscsi_ibft.ko
if [ -r /sys/firmware/ibft/initiator/initiator-name ]; then
    echo "IBFT-HOSTNAME=$(cat /sys/firmware/ibft/ethernet0/hostname 2>/dev/null)"
    echo "IBFT-INITIATOR=$(cat /sys/firmware/ibft/initiator/initiator-name)"
    echo "IBFT-TARGET=$(cat /sys/firmware/ibft/target0/target-name 2>/dev/null)"
else
    echo "IBFT-ABSENT"
fi
echo "STREAMBOOT-LINUX-DONE"
poweroff -f
