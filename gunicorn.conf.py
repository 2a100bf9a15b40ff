"""gunicorn settings. Each value is an environment variable with a default; see README."""
import os

bind = os.environ.get("QUOTES_BIND", "127.0.0.1:8000")
# spaCy is CPU-bound and holds the GIL: one synchronous worker per core keeps both cores busy
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# the model is loaded once in the master and shared copy-on-write by the forked workers
preload_app = True
# a 200,000-character article parses in a few seconds; anything near this is stuck
timeout = int(os.environ.get("QUOTES_WORKER_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("QUOTES_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# recycle workers now and then so slow growth of the spaCy vocabulary cannot accumulate
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
