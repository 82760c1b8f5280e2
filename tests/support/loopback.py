"""What the loopback test servers share (imported by the scripts beside it): a threaded HTTP
server on 127.0.0.1 and a free port, that prints "PORT <n>" once it accepts connections and exits
when its stdin reaches end of file (so it never outlives the test that started it) or on SIGTERM."""
import http.server
import os
import signal
import socketserver
import sys
import threading


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up is no error of the test's


def serve(handler):
    """Serves `handler` (a BaseHTTPRequestHandler class) until stdin closes."""
    server = Server(("127.0.0.1", 0), handler)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    def exit_when_stdin_closes():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()
