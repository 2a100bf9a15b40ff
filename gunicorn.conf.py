"""gunicorn settings. Each value is an environment variable with a default; see README."""
import ctypes
import gc
import os

bind = os.environ.get("QUOTES_BIND", "127.0.0.1:8000")
# spaCy is CPU-bound and holds the GIL: one synchronous worker per core keeps both cores busy.
# Measured (bench/run.py, 2 cores, 4 clients): 2 workers serve 0.87 of bare 2-process
# nlp.pipe's words/s with zero errors; see README, Performance.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# the model is loaded once in the master and shared copy-on-write by the forked workers:
# measured PSS of master + 2 workers after a 30-s load of news articles 370-380 MiB with
# preload, 406 MiB without (target 450); ~180 MiB before any request either way
preload_app = os.environ.get("QUOTES_PRELOAD", "1") == "1"
# a news article (~800 words) takes 0.2-0.4 s, a full batch (64 articles, at most 400,000
# characters) ~20 s, one article at the 200,000-character limit ~12 s; the per-request budget
# (QUOTES_REQUEST_TIMEOUT, 20 s) answers 503 first, so this is only the last resort
timeout = int(os.environ.get("QUOTES_WORKER_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("QUOTES_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# recycle workers now and then: the vocabulary's string store only grows, and recycling caps it
# (heap pages freed after each request are returned by post_request below)
max_requests = int(os.environ.get("QUOTES_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# the workers' heartbeat files go to a tmpfs, so the root filesystem can be read-only
worker_tmp_dir = os.environ.get("QUOTES_WORKER_TMP_DIR", "/dev/shm")
# production: never reload on code changes (and the app never turns on Flask's debugger)
reload = False
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


try:  # glibc only; elsewhere the hook does nothing
    _LIBC = ctypes.CDLL("libc.so.6") if os.environ.get("QUOTES_MALLOC_TRIM", "1") == "1" else None
except OSError:
    _LIBC = None
# trim only once a worker's resident memory has grown this much since its last trim: a trim after
# every request cost about 5 % of the API's throughput (CPU seconds per word, make bench measure 3),
# as the pages it hands back fault in again on the next request
TRIM_GROWTH_BYTES = int(os.environ.get("QUOTES_MALLOC_TRIM_MIB", "32")) * 1024 * 1024
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
_resident_after_trim = 0


def _resident_bytes():
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * _PAGE_BYTES


def post_request(worker, req, environ, resp):
    """Hand freed heap back to the kernel once it has piled up: spaCy frees its per-document
    arrays, but glibc keeps the pages, and a worker's memory would stay at its largest article."""
    global _resident_after_trim
    if _LIBC is not None and _resident_bytes() - _resident_after_trim >= TRIM_GROWTH_BYTES:
        _LIBC.malloc_trim(0)
        _resident_after_trim = _resident_bytes()
