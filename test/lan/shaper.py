#!/usr/bin/env python3
"""Userspace Ethernet switch with per-port delay / jitter / loss: a netem stand-in
for kernels built without CONFIG_NET_SCH_NETEM (like this VM's). Ported from
shared/lan/shaper.py for test/lan/virtual-lan.ts, which writes CONF itself; this
copy adds a per-port "cut" flag (the link is unplugged: every frame to or from
that port is dropped) used by VirtualLan.cutLink().

Every laptop namespace gets a persistent TAP device (made by lan.sh with
`ip -n NS tuntap add dev eth0 mode tap`); this process attaches to all of them
(setns into each namespace just to open the TAP) and forwards frames between
them like a learning switch. Each frame crossing port A -> port B gets A's
"uplink" impairment and then B's "downlink" impairment, exactly like
`tc qdisc ... netem` on both ends of every veth (one-way A->B = 2 x delay).

  shaper.py run CONF PORT...      PORT = name=NETNS:IFNAME (NETNS '-' = current)
  shaper.py conf CONF [--port NAME] NETEM-ARGS...
        writes CONF (JSON), e.g.  conf lan-shaper.json delay 5ms 2ms loss 1%
        extra words: distribution normal|uniform, reorder (allow reordering;
        default keeps FIFO order per direction like Wi-Fi), clear
  kill -HUP PID   reload CONF        kill -USR1 PID  print counters to stderr

No dependencies beyond the Python 3 standard library. Linux only, needs root.
"""
import ctypes
import fcntl
import heapq
import json
import os
import random
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000
MAX_QUEUE = 200000
DEFAULT = {"delay_ms": 0.0, "jitter_ms": 0.0, "loss_pct": 0.0, "dist": "uniform", "reorder": False, "cut": False}

_libc = ctypes.CDLL(None, use_errno=True)


def _setns_fd(fd):
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def open_tap(netns, ifname):
    """Attach to an existing (persistent) TAP device inside namespace `netns`."""
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    try:
        if netns and netns != "-":
            nsfd = os.open(f"/run/netns/{netns}", os.O_RDONLY)
            try:
                _setns_fd(nsfd)
            finally:
                os.close(nsfd)
        fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
        fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", ifname.encode(), IFF_TAP | IFF_NO_PI))
        return fd
    finally:
        _setns_fd(home)
        os.close(home)


def parse_netem(words):
    """Parse a netem-like argument list into a port config dict."""
    c = dict(DEFAULT)
    w = list(words)
    ms = lambda s: float(s[:-2]) if s.endswith("ms") else (float(s[:-2]) / 1000 if s.endswith("us") else (float(s[:-1]) * 1000 if s.endswith("s") else float(s)))
    i = 0
    while i < len(w):
        k = w[i]
        if k == "delay":
            c["delay_ms"] = ms(w[i + 1]); i += 2
            if i < len(w) and w[i][0].isdigit():
                c["jitter_ms"] = ms(w[i]); i += 1
                if i < len(w) and w[i][0].isdigit() and w[i].endswith("%"):
                    i += 1  # netem correlation: ignored
        elif k == "loss":
            i += 1
            if i < len(w) and w[i] == "random":
                i += 1
            c["loss_pct"] = float(w[i].rstrip("%")); i += 1
        elif k == "distribution":
            c["dist"] = w[i + 1]; i += 2
        elif k == "reorder":
            c["reorder"] = True; i += 1
        elif k == "clear":
            c = dict(DEFAULT); i += 1
        else:
            raise SystemExit(f"unsupported netem word: {k}")
    return c


class Port:
    __slots__ = ("name", "fd", "cfg", "last_up", "last_down", "rx", "tx", "drop_up", "drop_down", "err")

    def __init__(self, name, fd):
        self.name, self.fd, self.cfg = name, fd, dict(DEFAULT)
        self.last_up = self.last_down = 0.0
        self.rx = self.tx = self.drop_up = self.drop_down = self.err = 0


def sample_delay(cfg):
    d, j = cfg["delay_ms"], cfg["jitter_ms"]
    if j > 0:
        d += random.gauss(0.0, j) if cfg.get("dist") == "normal" else random.uniform(-j, j)
    return max(0.0, d) / 1000.0


def run(conf_path, specs):
    ports = []
    for spec in specs:
        name, where = spec.split("=", 1)
        netns, ifname = where.split(":", 1)
        ports.append(Port(name, open_tap(netns, ifname)))
    by_fd = {p.fd: i for i, p in enumerate(ports)}
    macs = {}
    heap = []
    seq = 0
    flags = {"reload": True, "stats": False, "stop": False}

    def load():
        try:
            with open(conf_path) as f:
                conf = json.load(f)
        except FileNotFoundError:
            conf = {}
        base = {**DEFAULT, **conf.get("default", {})}
        for p in ports:
            p.cfg = {**base, **conf.get("ports", {}).get(p.name, {})}
        print(f"shaper: config {json.dumps({p.name: p.cfg for p in ports})}", file=sys.stderr, flush=True)

    def stats():
        s = {p.name: {"rx": p.rx, "tx": p.tx, "drop_up": p.drop_up, "drop_down": p.drop_down, "err": p.err} for p in ports}
        print(f"shaper: stats {json.dumps(s)} queued={len(heap)}", file=sys.stderr, flush=True)

    signal.signal(signal.SIGHUP, lambda *_: flags.__setitem__("reload", True))
    signal.signal(signal.SIGUSR1, lambda *_: flags.__setitem__("stats", True))
    signal.signal(signal.SIGTERM, lambda *_: flags.__setitem__("stop", True))
    signal.signal(signal.SIGINT, lambda *_: flags.__setitem__("stop", True))
    # self-pipe: a signal wakes select() at once instead of after its timeout
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    print(f"shaper: pid {os.getpid()} ports {[p.name for p in ports]}", file=sys.stderr, flush=True)
    fds = [p.fd for p in ports] + [wake_r]
    rnd = random.random
    while not flags["stop"]:
        if flags["reload"]:
            flags["reload"] = False
            load()
        if flags["stats"]:
            flags["stats"] = False
            stats()
        now = time.monotonic()
        timeout = min(1.0, max(0.0, heap[0][0] - now)) if heap else 1.0
        try:
            ready, _, _ = select.select(fds, [], [], timeout)
        except InterruptedError:
            ready = []
        now = time.monotonic()
        for fd in ready:
            if fd == wake_r:
                try:
                    os.read(wake_r, 512)
                except BlockingIOError:
                    pass
                continue
            src = by_fd[fd]
            sp = ports[src]
            while True:
                try:
                    frame = os.read(fd, 65536)
                except BlockingIOError:
                    break
                except OSError:
                    sp.err += 1
                    break
                if len(frame) < 14:
                    continue
                sp.rx += 1
                macs[frame[6:12]] = src
                cu = sp.cfg
                if cu["cut"]:
                    sp.drop_up += 1
                    continue
                if cu["loss_pct"] and rnd() * 100.0 < cu["loss_pct"]:
                    sp.drop_up += 1
                    continue
                t_up = now + sample_delay(cu)
                if not cu["reorder"]:
                    t_up = sp.last_up = max(t_up, sp.last_up)
                dst = frame[0:6]
                if dst[0] & 1 or dst not in macs:
                    outs = [k for k in range(len(ports)) if k != src]
                else:
                    k = macs[dst]
                    outs = [] if k == src else [k]
                for k in outs:
                    dp = ports[k]
                    cd = dp.cfg
                    if cd["cut"]:
                        dp.drop_down += 1
                        continue
                    if cd["loss_pct"] and rnd() * 100.0 < cd["loss_pct"]:
                        dp.drop_down += 1
                        continue
                    t = t_up + sample_delay(cd)
                    if not cd["reorder"]:
                        t = dp.last_down = max(t, dp.last_down)
                    if len(heap) >= MAX_QUEUE:
                        dp.drop_down += 1
                        continue
                    seq += 1
                    heapq.heappush(heap, (t, seq, k, frame))
        now = time.monotonic()
        while heap and heap[0][0] <= now:
            _, _, k, frame = heapq.heappop(heap)
            try:
                os.write(ports[k].fd, frame)
                ports[k].tx += 1
            except OSError:  # peer interface down (EIO) or full
                ports[k].err += 1
    stats()


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 3 and sys.argv[1] == "conf":
        path, rest = sys.argv[2], sys.argv[3:]
        port = None
        if rest[:1] == ["--port"]:
            port, rest = rest[1], rest[2:]
        try:
            with open(path) as f:
                conf = json.load(f)
        except FileNotFoundError:
            conf = {}
        cfg = parse_netem(rest)
        if port:
            conf.setdefault("ports", {})[port] = cfg
        else:
            conf = {"default": cfg}  # applies to every port, drops per-port overrides
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(conf, f)
        os.replace(tmp, path)
        print(json.dumps(conf))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
