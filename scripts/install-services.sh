#!/usr/bin/env bash
# Installs the real services the queue-mode tests run against, from Debian's packages:
# redis-server (coordination tests, queue-mode e2e) and PostgreSQL (queue-mode e2e).
# Does nothing for what is already there. Needs root (or sudo).
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then missing+=(postgresql); fi
if ((${#missing[@]} == 0)); then
	echo "install-services: redis-server and PostgreSQL are installed"
	exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install-services: installing ${missing[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The packages start their services; the tests start their own on free ports.
for service in redis-server postgresql; do $sudo service "$service" stop >/dev/null 2>&1 || true; done
echo "install-services: done"
