#!/usr/bin/env python3
"""What one inbound SYN costs the whole firmware on nanoCLR (tap, parse, engine, loop), in CPU time.

The CPU the nanoCLR process spends per judged SYN, under a flood that keeps the loop busy, is the figure that
scales to a board (the virtual board's judged rate says more about its raw queue and its rests). This boots
the firmware (gateway emulate --runtime nanoclr, built-in rules), reads nanoCLR's CPU time (/proc/PID/stat) idle
and under a paced flood of first-step SYNs (tcp 9000) from 20,000 spoofed sources of 127.1.0.0/16, and prints CPU
microseconds per judged SYN (flood minus idle, over the tap's packet count from !status). The firmware's loop
polls the tap while packets keep coming (LoopPacer rests only after a quiet tick), so at a rate the loop outpaces
that figure (and the IL per SYN of --profile) includes empty polls; it is the cost of a SYN only when the flood
keeps the loop busy.

Usage (root, for raw sockets): flood-cost.py --gateway PATH/TO/gateway [--nanoclr DIR] [--rate 1000] [--seconds 10]
    [--profile FILE]
With --profile and a counting board (build.sh with VIRTUAL_BOARD_PATCHES=tools/nanoframework/nanoclr-run/il-count.patch, see
native/vb_profile.cpp) it also counts the IL instructions per judged SYN (flood minus idle) and writes the flood's
per-method table to FILE.
"""
import argparse, json, os, re, select, shutil, signal, socket, struct, subprocess, sys, threading, time, tty

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """(user, system) CPU seconds: the interpreter's own work, and the Linux socket calls that lwIP does on a board."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / TICKS, int(fields[12]) / TICKS


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def syn(source, destination, port, sport):
    src, dst = socket.inet_aton(source), socket.inet_aton(destination)
    tcp = struct.pack("!HHIIBBHHH", sport, port, 1, 0, 5 << 4, 0x02, 64240, 0, 0)
    tcp = tcp[:16] + struct.pack("!H", checksum(src + dst + struct.pack("!BBH", 0, 6, len(tcp)) + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return ip + tcp


def machine_status(pty):
    """!status over the serial console: the JSON after 'ok '."""
    fd = os.open(pty, os.O_RDWR | os.O_NOCTTY)
    try:
        tty.setraw(fd)
        os.write(fd, b"\r!status\r")
        text, deadline = b"", time.time() + 10
        while time.time() < deadline:
            if not select.select([fd], [], [], 0.5)[0]:
                continue
            text += os.read(fd, 4096)
            m = re.search(rb"(\{.*\})\r?\n", text)
            if m:
                return json.loads(m.group(1))
        raise TimeoutError(f"no !status reply on {pty}: {text[-200:]!r}")
    finally:
        os.close(fd)


def region(pid, profile, action):
    """IL instructions nanoCLR runs while the action runs (a region of vb_profile.cpp), the method table, and the
    action's own seconds (the wait for the table is not part of it)."""
    if os.path.exists(profile):
        os.remove(profile)
    os.kill(pid, signal.SIGUSR1)
    t0 = time.monotonic()
    action()
    seconds = time.monotonic() - t0
    os.kill(pid, signal.SIGUSR2)
    deadline = time.time() + 30
    while time.time() < deadline:   # served on the interpreter's next Poll of the tap
        if os.path.exists(profile):
            time.sleep(0.2)   # the table is written after the first line
            with open(profile) as f:
                text = f.read()
            first = text.split("\n", 1)[0].split()
            if len(first) == 2 and first[1].isdigit():
                return int(first[1]), text, seconds
            sys.exit(f"no IL count: {text.strip()}")
        time.sleep(0.05)
    sys.exit("the board wrote no profile (is nanoCLR still running?)")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--gateway", required=True)
    a.add_argument("--nanoclr")
    a.add_argument("--bind", default="127.0.0.91")
    a.add_argument("--rate", type=int, default=1000)
    a.add_argument("--seconds", type=float, default=10)
    a.add_argument("--profile")
    o = a.parse_args()
    if o.profile:
        os.environ["NANOCLR_IL_PROFILE"] = "1"
        os.environ["VIRTUAL_BOARD_PROFILE"] = o.profile + ".part"
    state = f"/tmp/flood-cost-{os.getpid()}"
    command = [o.gateway, "emulate", "--runtime", "nanoclr", "--bind", o.bind, "--console-port", "2291", "--state", state]
    if o.nanoclr:
        command += ["--nanoclr", o.nanoclr]
    board = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        pty = None
        for line in board.stdout:
            m = re.match(r"serial: (\S+)", line)
            if m:
                pty = m.group(1)
            if line.startswith("sight:"):
                if "packets" not in line:
                    sys.exit(f"the board has no packet sight ({line.strip()}): run as root")
                break
        # keep reading what the board prints, or a full pipe would stall it
        threading.Thread(target=lambda: [None for _ in board.stdout], daemon=True).start()
        children = subprocess.run(["pgrep", "-P", str(board.pid)], capture_output=True, text=True).stdout.split()
        nanoclr = int(children[0])
        packets = [syn(f"127.1.{i // 250}.{i % 250 + 1}", o.bind, 9000, 40000 + i % 20000) for i in range(20000)]
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)

        idle_start, t0 = cpu_seconds(nanoclr), time.monotonic()
        time.sleep(o.seconds)
        idle_end, idle_elapsed = cpu_seconds(nanoclr), time.monotonic() - t0
        if o.profile:   # the idle IL apart, after the CPU's idle figure (the table's writing is not idle work)
            idle_il, _, idle_il_seconds = region(nanoclr, o.profile + ".part", lambda: time.sleep(o.seconds))
        idle = [(idle_end[k] - idle_start[k]) / idle_elapsed for k in (0, 1)]

        before = machine_status(pty)["tapPackets"]
        cpu_start, t0, sent = cpu_seconds(nanoclr), time.monotonic(), 0

        def flood():
            nonlocal sent
            while (now := time.monotonic() - t0) < o.seconds:
                due = int(now * o.rate)
                while sent < due:
                    raw.sendto(packets[sent % len(packets)], (o.bind, 0))
                    sent += 1
                time.sleep(0.001)

        flood()
        elapsed = time.monotonic() - t0
        cpu_end = cpu_seconds(nanoclr)
        cpu = [cpu_end[k] - cpu_start[k] for k in (0, 1)]
        judged = machine_status(pty)["tapPackets"] - before
        print(f"offered {sent / elapsed:,.0f} SYN/s for {elapsed:.1f} s; judged {judged:,} ({judged / elapsed:,.0f}/s)")
        for k, name in ((0, "user (the interpreter)"), (1, "system (socket calls)")):
            busy = cpu[k] - idle[k] * elapsed
            print(f"nanoCLR {name}: idle {idle[k] * 100:.1f} %, under the flood {cpu[k] / elapsed * 100:.1f} %; "
                  f"{busy / max(judged, 1) * 1e6:.1f} us per judged SYN (flood minus idle)")
        if o.profile:   # a second flood, counted (its table's writing is not in the CPU figures above)
            before = machine_status(pty)["tapPackets"]
            t0, sent = time.monotonic(), 0
            flood_il, table, flood_seconds = region(nanoclr, o.profile + ".part", flood)
            judged = machine_status(pty)["tapPackets"] - before
            per_syn = (flood_il - idle_il / idle_il_seconds * flood_seconds) / max(judged, 1)
            print(f"IL instructions: idle {idle_il / idle_il_seconds:,.0f}/s, flood {flood_il / flood_seconds:,.0f}/s; {per_syn:,.0f} per judged SYN (flood minus idle; {judged:,} judged)")
            elapsed = flood_seconds
            with open(o.profile, "w") as f:
                f.write(f"# flood-cost.py: {judged} judged SYNs in {elapsed:.1f} s, {flood_il} IL instructions\n" + table)
            os.remove(o.profile + ".part")
            print(f"the flood's IL by method: {o.profile}")
    finally:
        board.terminate()
        board.wait(timeout=150)
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
