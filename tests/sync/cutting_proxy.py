"""A TCP proxy on loopback that forwards one connection at a time and cuts it after a set
number of bytes of the server's answer: the network dropping mid-response."""

from __future__ import annotations

import socket
import threading


class CuttingProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.cut_after: int | None = None  # bytes of response to pass; None: never cut
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        budget = self.cut_after

        def client_to_server() -> None:
            try:
                while data := client.recv(65536):
                    upstream.sendall(data)
            except OSError:
                pass
            finally:
                upstream.close()

        threading.Thread(target=client_to_server, daemon=True).start()
        try:
            while data := upstream.recv(65536):
                if budget is not None:
                    data = data[:budget]
                    budget -= len(data)
                client.sendall(data)
                if budget is not None and budget <= 0:
                    break
        except OSError:
            pass
        finally:
            client.shutdown(socket.SHUT_RDWR) if budget is not None else None
            client.close()
            upstream.close()

    def close(self) -> None:
        self.listener.close()
