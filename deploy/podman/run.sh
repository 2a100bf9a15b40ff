#!/usr/bin/env bash
# The Compose deployment for real with podman: build the images, start PostgreSQL, the migration,
# two API replicas and the proxy, ingest a folder of articles through the proxy while replica 1
# is killed, then count what PostgreSQL holds.
#
#   bash deploy/podman/run.sh DIR_OF_TXT_ARTICLES [KILL_AFTER]      (from the repository root)
#
# Needs podman and podman-compose (pip install podman-compose). Where no image registry is
# reachable, postgres:15 and nginx:1.27 are replaced by local stand-ins built from Debian's
# packages (postgres.Containerfile, nginx.Containerfile); on this project's build machines
# podman runs with the settings of ../shared/tools/container-check.sh, reused when present.
# QUOTES_KEEP=1 leaves the deployment running afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
TEXTS=${1:?a folder of .txt articles}
KILL_AFTER=${2:-15}
PROJECT=${QUOTES_PROJECT:-quotes}
STATE=/var/tmp/container-check
if [ -f "$STATE/containers.conf" ] && [ -z "${CONTAINERS_CONF:-}" ]; then
    export CONTAINERS_CONF=$STATE/containers.conf CONTAINERS_STORAGE_CONF=$STATE/storage.conf
fi
BUILD=(podman build --format docker --isolation chroot)
# no pod, no --requires: see compose.podman.yaml
compose() { podman-compose --in-pod false -p "$PROJECT" -f deploy/compose.yaml -f deploy/podman/compose.podman.yaml "$@"; }
db_query() { podman exec "${PROJECT}_db_1" psql -U quotes -d quotes -Atc "$1"; }

podman image exists docker.io/library/postgres:15 \
    || "${BUILD[@]}" -t docker.io/library/postgres:15 -f deploy/podman/postgres.Containerfile deploy/podman
podman image exists docker.io/library/nginx:1.27 \
    || "${BUILD[@]}" -t docker.io/library/nginx:1.27 -f deploy/podman/nginx.Containerfile deploy/podman
"${BUILD[@]}" -t localhost/quote-service:latest . >/dev/null

compose down -v >/dev/null 2>&1 || true
trap '[ "${QUOTES_KEEP:-0}" = 1 ] || compose down -v >/dev/null 2>&1' EXIT
# podman 4.3 ignores depends_on conditions (healthy, completed) that Docker Compose honours, so
# the start-up order is walked here: the database, then the migration to its end, then the rest
compose up -d --no-build db
for _ in $(seq 1 60); do
    podman exec "${PROJECT}_db_1" pg_isready -h 127.0.0.1 -U quotes -d quotes >/dev/null 2>&1 && break
    sleep 1
done
compose up -d --no-build migrate
[ "$(podman wait "${PROJECT}_migrate_1")" = 0 ] || { podman logs "${PROJECT}_migrate_1" | tail -20; exit 1; }
compose up -d --no-build api-1 api-2 proxy
for _ in $(seq 1 120); do
    curl -fsS http://127.0.0.1:8150/readyz >/dev/null 2>&1 && break
    sleep 2
done
curl -fsS http://127.0.0.1:8150/readyz

python3 deploy/podman/check_ingest.py --url http://127.0.0.1:8150 --texts "$TEXTS" --clients 4 \
    --kill-after "$KILL_AFTER" --kill "podman kill ${PROJECT}_api-1_1"

echo "served POST /v1/articles: api-1 $(podman logs "${PROJECT}_api-1_1" 2>&1 | grep -c '"method": "POST", "path": "/v1/articles"' || true)," \
     "api-2 $(podman logs "${PROJECT}_api-2_1" 2>&1 | grep -c '"method": "POST", "path": "/v1/articles"' || true)"
echo "PostgreSQL: articles $(db_query 'SELECT count(*) FROM articles')," \
     "quote reports $(db_query 'SELECT count(*) FROM quote_sources')," \
     "quotes $(db_query 'SELECT count(*) FROM quotes'), speakers $(db_query 'SELECT count(*) FROM speakers')," \
     "reports stored twice $(db_query 'SELECT count(*) FROM (SELECT article_id, position FROM quote_sources GROUP BY 1, 2 HAVING count(*) > 1) twice')," \
     "texts stored twice $(db_query 'SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY 1 HAVING count(*) > 1) twice')"
