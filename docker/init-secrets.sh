#!/bin/sh
# Creates the files that docker-compose.yml mounts as secrets, under .secrets/ of the repository root:
# a random PostgreSQL password and a self-signed TLS certificate for localhost, valid for one year.
# An existing file is kept, so running it again changes nothing.
#
# Compose mounts a file secret with the host file's owner and mode, and the containers run as other users
# (PostgreSQL as UID 999, the silos and gateways as UID 1654), so the files are readable by all (0644).
# NOTE: that suits a development host only. In production, use an orchestrator's secret store.
set -eu

root="$(cd "$(dirname "$0")/.." && pwd)"
secrets="$root/.secrets"
mkdir -p "$secrets"

if [ ! -f "$secrets/postgres_password" ]; then
    openssl rand -hex 24 > "$secrets/postgres_password"
    echo "Created $secrets/postgres_password"
fi

if [ ! -f "$secrets/gateway-tls-certificate.pem" ] || [ ! -f "$secrets/gateway-tls-key.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
        -keyout "$secrets/gateway-tls-key.pem" -out "$secrets/gateway-tls-certificate.pem" 2>/dev/null
    echo "Created $secrets/gateway-tls-certificate.pem and gateway-tls-key.pem"
fi

chmod 0644 "$secrets/postgres_password" "$secrets/gateway-tls-certificate.pem" "$secrets/gateway-tls-key.pem"
