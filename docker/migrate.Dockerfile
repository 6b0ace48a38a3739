# syntax=docker/dockerfile:1
#
# A one-shot container that applies db/migrations with db/migrate.sh and exits, and the image of the scheduled
# backups, which run db/backup.sh. Build from the repository root:
#   docker build -f docker/migrate.Dockerfile -t voicehelper/migrate .
#
# The PostgreSQL image provides psql and pg_isready of the same major version as the server.

ARG POSTGRES_IMAGE=postgres:15

FROM ${POSTGRES_IMAGE}
# The aws command copies the scheduled backups into an S3-compatible bucket when BACKUP_S3_URI is set.
RUN apt-get update \
    && apt-get install -y --no-install-recommends awscli \
    && rm -rf /var/lib/apt/lists/*
COPY db/migrations/ /opt/voicehelper/db/migrations/
COPY db/migrate.sh /opt/voicehelper/db/migrate.sh
# The scheduled backups (k8s/base/backup-cronjob.yaml) run db/backup.sh from this image.
COPY db/backup.sh db/table-stats.sql /opt/voicehelper/db/
ENV MIGRATIONS_DIR=/opt/voicehelper/db/migrations
# The image's postgres user (UID 999) runs psql only; no server starts in this container.
USER postgres
# A one-shot job has nothing to probe.
HEALTHCHECK NONE
ENTRYPOINT ["/opt/voicehelper/db/migrate.sh"]
