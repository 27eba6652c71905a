"""A program in a real pseudo-terminal of 80x24: what it writes is counted and timed."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import signal
import struct
import termios
import threading
import time
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Terminal:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        cols, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.output = bytearray()
        self._lock = threading.Lock()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.output += data

    @property
    def size(self) -> int:
        with self._lock:
            return len(self.output)

    def wait_for(self, text: str, after: int = 0, timeout: float = 30.0) -> float:
        """perf_counter() when `text` first shows in the output past byte `after`."""
        needle = text.encode()
        deadline = time.perf_counter() + timeout
        while True:
            with self._lock:
                found = self.output.find(needle, after) >= 0
            now = time.perf_counter()
            if found:
                return now
            if now > deadline:
                raise TimeoutError(f"{text!r} never showed")
            time.sleep(0.0005)

    def send(self, keys: str) -> float:
        os.write(self.fd, keys.encode())
        return time.perf_counter()

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime

    def peak_rss_kb(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        with contextlib.suppress(OSError):
            os.close(self.fd)
