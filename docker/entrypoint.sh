#!/bin/sh
# Starts a VoiceHelper process in a container: "entrypoint.sh VoiceHelper.Silo.dll [ARGS...]".
#
# PGPASSWORD_FILE names a file with the PostgreSQL password, such as a Docker or Kubernetes secret. Its
# content becomes PGPASSWORD, which Npgsql reads when the connection string has no password, so the
# password stays out of ConnectionStrings__Postgres and out of the container's configuration.
#
# Orleans__AdvertisedAddress defaults to the container's first address, because other silos and the
# gateways connect to the address that a silo advertises, and the default 127.0.0.1 suits one machine only.
set -eu

if [ -n "${PGPASSWORD_FILE:-}" ]; then
    if [ ! -r "$PGPASSWORD_FILE" ]; then
        echo "entrypoint: PGPASSWORD_FILE '$PGPASSWORD_FILE' is missing or not readable; mount the secret or unset PGPASSWORD_FILE." >&2
        exit 64
    fi
    PGPASSWORD="$(cat "$PGPASSWORD_FILE")"
    export PGPASSWORD
fi

if [ -z "${Orleans__AdvertisedAddress:-}" ]; then
    address="$(hostname -i | cut -d ' ' -f 1)"
    if [ -z "$address" ]; then
        echo "entrypoint: 'hostname -i' returned no address for this container; set Orleans__AdvertisedAddress." >&2
        exit 64
    fi
    export Orleans__AdvertisedAddress="$address"
fi

exec dotnet "$@"
