"""gunicorn settings. Each value is an environment variable with a default; see README."""
import gc
import os

bind = os.environ.get("QUOTES_BIND", "127.0.0.1:8000")
# spaCy is CPU-bound and holds the GIL: one synchronous worker per core keeps both cores busy
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# the model is loaded once in the master and shared copy-on-write by the forked workers
preload_app = os.environ.get("QUOTES_PRELOAD", "1") == "1"
# a 200,000-character article parses in a few seconds; anything near this is stuck
timeout = int(os.environ.get("QUOTES_WORKER_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("QUOTES_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# recycle workers now and then so slow growth of the spaCy vocabulary cannot accumulate
max_requests = int(os.environ.get("QUOTES_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# no control socket: the service user may have no home folder to put it in
control_socket_disable = True
accesslog = None  # the app logs one structured line per request itself
errorlog = "-"
loglevel = os.environ.get("QUOTES_LOG_LEVEL", "info").lower()


def when_ready(server):
    """Runs in the master after the preloaded app is built and before the first fork."""
    if preload_app and os.environ.get("QUOTES_GC_FREEZE", "1") == "1":
        gc.collect()
        gc.freeze()  # a worker's collector then never writes to the shared objects' headers
