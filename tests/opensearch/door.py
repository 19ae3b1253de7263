"""A TCP door in front of the real cluster: open (bytes pass both ways), shut (nothing
listens: connections are refused, as when every node is down) or jammed (connections
are accepted and never answered, as with a frozen node or a black-holed network).

The cluster behind it is the real one; only what the engine can reach changes, so
the rest of the suite keeps its cluster while one engine sees an outage."""

from __future__ import annotations

import contextlib
import socket
import threading


class Door:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.state = "open"
        self._open_sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = int(probe.getsockname()[1])
        probe.close()
        self._listener: socket.socket | None = None
        self._listen()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # shut
            self._track(conn)
            if self.state == "jammed":
                continue  # held open, never read, never answered
            try:
                upstream = socket.create_connection(self.upstream)
            except OSError:
                self._drop(conn)
                continue
            self._track(upstream)
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._open_sockets.add(sock)

    def _drop(self, sock: socket.socket) -> None:
        with self._lock:
            self._open_sockets.discard(sock)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        self._drop(src)
        self._drop(dst)

    def _cut(self) -> None:
        """Close every connection made so far (the client's keep-alive ones too)."""
        with self._lock:
            sockets = list(self._open_sockets)
        for sock in sockets:
            self._drop(sock)

    def shut(self) -> None:
        if self._listener is not None:
            # shutdown wakes the thread blocked in accept(); close alone would not.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        self._cut()
        self.state = "shut"

    def jam(self) -> None:
        self._cut()
        self.state = "jammed"
        if self._listener is None:
            self._listen()

    def open(self) -> None:
        self._cut()
        self.state = "open"
        if self._listener is None:
            self._listen()
