#!/bin/sh
# Configure a freshly installed node root file system. Runs inside the image
# (chroot or Dockerfile RUN) as root, after the packages of packages.txt are in.
set -eu

# Slurm, munge and dnsmasq stay installed but disabled: sind enables the
# services each node's role needs once its configuration volume is in place.
for unit in slurmctld slurmd slurmdbd munge dnsmasq; do
    systemctl disable "$unit.service" >/dev/null 2>&1 || true
done

# Units that have nothing to do in a container, or fail there.
for unit in getty@tty1.service console-getty.service serial-getty@.service \
            systemd-udevd.service systemd-udev-trigger.service \
            systemd-modules-load.service systemd-remount-fs.service \
            sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount \
            systemd-firstboot.service systemd-timesyncd.service \
            apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer; do
    systemctl mask "$unit" >/dev/null 2>&1 || true
done
systemctl set-default multi-user.target >/dev/null

# Every container must get its own SSH host keys and machine id, so the image
# carries none: a oneshot unit generates the keys before sshd starts.
rm -f /etc/ssh/ssh_host_*
cat > /etc/systemd/system/sind-ssh-host-keys.service <<'UNIT'
[Unit]
Description=Generate this node's SSH host keys
Before=ssh.service
ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

[Service]
Type=oneshot
ExecStart=/usr/bin/ssh-keygen -A

[Install]
WantedBy=multi-user.target
UNIT
systemctl enable sind-ssh-host-keys.service >/dev/null
systemctl enable ssh.service >/dev/null
: > /etc/machine-id
rm -f /var/lib/dbus/machine-id

# Root logs in with keys only; sind injects the realm's public key.
mkdir -p /root/.ssh /data
chmod 700 /root/.ssh
cat > /etc/ssh/sshd_config.d/sind.conf <<'CONF'
PermitRootLogin prohibit-password
PasswordAuthentication no
UseDNS no
CONF

# The journal goes to the container's memory only and stays small.
mkdir -p /etc/systemd/journald.conf.d
printf '[Journal]\nStorage=volatile\nRuntimeMaxUse=32M\n' > /etc/systemd/journald.conf.d/sind.conf

# Slurm's state and log directories, owned by the slurm user from the packages.
mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
chown slurm:slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm

# Nothing needed at run time: package caches, documentation, manuals.
apt-get clean
rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* /usr/share/info/* /var/log/*.log
