#!/bin/sh
# Writes a backup of VoiceHelper's PostgreSQL database to a folder, and deletes the oldest backups beyond a
# number to keep. build.ps1 backup runs it on a development or operator machine, and the Kubernetes CronJob
# voicehelper-backup runs it in the migrate image.
#
# A backup is the folder BACKUP_DIR/voicehelper-YYYYMMDDTHHMMSSZ with:
#   database.dump     pg_dump in the custom format, which contains the uploaded documents too (documents.content)
#   tables.tsv        per table: name, row count and a sample checksum (db/table-stats.sql), taken in the same
#                     snapshot as the dump, so that restore and verify-backup can compare them
#   configuration.env the VoiceHelper settings of this environment, without passwords, keys or tokens
#   config/           copies of the files named in BACKUP_CONFIG_FILES, if any, named FOLDER-FILE
#   manifest.json     format, time, source, and the size and SHA-256 of every file above
#   manifest.sha256   the SHA-256 of manifest.json
# The folder is written under a .partial name and renamed when complete, so a folder without that suffix is a
# finished backup.
#
# The connection comes from the libpq variables PGHOST, PGPORT, PGDATABASE and PGUSER, and the password from
# PGPASSWORD or from the file that PGPASSWORD_FILE names. BACKUP_DIR is the parent folder (default /backups).
# BACKUP_KEEP is the number of finished backups to keep in it, oldest deleted first (default 0: keep all).
#
# With BACKUP_S3_URI (s3://BUCKET or s3://BUCKET/PREFIX) the finished folder is also copied into that bucket as
# BUCKET/PREFIX/voicehelper-YYYYMMDDTHHMMSSZ/ with the aws command (Debian's awscli), manifest.json and
# manifest.sha256 last, so a backup whose upload stopped halfway lacks them and restore rejects it. BACKUP_KEEP
# applies to the bucket too. BACKUP_S3_ENDPOINT names an S3-compatible server (MinIO, Ceph, a cloud's S3 API);
# the credentials come from the aws command's usual sources, such as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
set -eu

backup_dir="${BACKUP_DIR:-/backups}"
keep="${BACKUP_KEEP:-0}"
script_dir="$(cd "$(dirname "$0")" && pwd)"
stats_sql="${TABLE_STATS_SQL:-$script_dir/table-stats.sql}"

log() {
    echo "backup: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >&2
}

fail() {
    log "error: $*"
    exit 1
}

case "$keep" in
    ''|*[!0-9]*) fail "BACKUP_KEEP '$keep' is not a whole number; set it to the number of backups to keep, or 0 for all." ;;
esac

if [ -n "${PGPASSWORD_FILE:-}" ]; then
    [ -r "$PGPASSWORD_FILE" ] || fail "PGPASSWORD_FILE '$PGPASSWORD_FILE' is missing or not readable; mount the secret or unset PGPASSWORD_FILE."
    PGPASSWORD="$(cat "$PGPASSWORD_FILE")"
    export PGPASSWORD
fi

[ -r "$stats_sql" ] || fail "$stats_sql is missing; it is part of db/ and must sit beside this script."

s3_uri="${BACKUP_S3_URI:-}"
s3_uri="${s3_uri%/}"
if [ -n "$s3_uri" ]; then
    case "$s3_uri" in
        s3://?*) ;;
        *) fail "BACKUP_S3_URI '$s3_uri' is not an S3 address; set it to s3://BUCKET or s3://BUCKET/PREFIX." ;;
    esac
    command -v aws > /dev/null || fail "BACKUP_S3_URI is set, but the aws command is missing; install Debian's awscli package."
fi

# Runs the aws command's s3 verbs against BACKUP_S3_ENDPOINT when it is set.
aws_s3() {
    if [ -n "${BACKUP_S3_ENDPOINT:-}" ]; then
        aws --endpoint-url "$BACKUP_S3_ENDPOINT" s3 "$@"
    else
        aws s3 "$@"
    fi
}
mkdir -p "$backup_dir" || fail "cannot create the backup folder '$backup_dir'."

name="voicehelper-$(date -u +%Y%m%dT%H%M%SZ)"
target="$backup_dir/$name"
partial="$target.partial"
[ ! -e "$target" ] || fail "$target already exists; wait a second and run the backup again."
rm -rf "$partial"
mkdir "$partial"
trap 'rm -rf "$partial"' EXIT

started="$(date +%s)"
log "Backing up database ${PGDATABASE:-} on ${PGHOST:-localhost}:${PGPORT:-5432} into $target"

# One read-only transaction exports its snapshot. pg_dump runs from psql's shell escape while that transaction
# is open and dumps exactly that snapshot, and the table statistics are read in the same transaction afterwards.
status_file="$partial/.dump-status"
cat > "$partial/.backup.sql" <<SQL
\set ON_ERROR_STOP 1
BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT pg_export_snapshot() AS snapshot \gset
\setenv VOICEHELPER_SNAPSHOT :snapshot
\! pg_dump --format=custom --compress=6 --no-password --snapshot="\$VOICEHELPER_SNAPSHOT" --file="$partial/database.dump"; echo \$? > "$status_file"
\o $partial/tables.tsv
\i $stats_sql
\o
SELECT current_setting('server_version') AS server_version \gset
\o $partial/.server-version
\qecho :server_version
\o
COMMIT;
SQL
psql --no-psqlrc --quiet --tuples-only --no-align --field-separator="$(printf '\t')" --no-password \
    --file="$partial/.backup.sql" || fail "psql failed while taking the backup; its error is above."
dump_status="$(cat "$status_file" 2>/dev/null || echo missing)"
[ "$dump_status" = 0 ] || fail "pg_dump failed (exit status $dump_status); its error is above."
server_version="$(cat "$partial/.server-version")"
rm -f "$status_file" "$partial/.backup.sql" "$partial/.server-version"

# Settings of the VoiceHelper processes as this environment gives them, without secrets: variables whose names
# mention a password, secret, token or API key are left out, and passwords inside connection strings replaced.
env | LC_ALL=C sort \
    | grep -E '^(ConnectionStrings|Orleans|Silo|Gateway|Knowledge|Inference|Conversations|Logging|Retention)__|^(PGHOST|PGPORT|PGDATABASE|PGUSER|DOTNET_ENVIRONMENT)=' \
    | grep -Eiv '^[^=]*(password|secret|token|apikey|api_key)[^=]*=' \
    | sed -E 's/((^|;)[[:space:]]*[Pp]assword[[:space:]]*=)[^;]*/\1(removed)/g' \
    > "$partial/configuration.env" || true
if [ -n "${BACKUP_CONFIG_FILES:-}" ]; then
    mkdir "$partial/config"
    for file in $BACKUP_CONFIG_FILES; do
        [ -r "$file" ] || fail "BACKUP_CONFIG_FILES names '$file', which is missing or not readable."
        cp "$file" "$partial/config/$(basename "$(dirname "$file")")-$(basename "$file")"
    done
fi

json_string() {
    printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

{
    echo '{'
    echo '  "format": "voicehelper-backup",'
    echo '  "formatVersion": 1,'
    echo "  \"name\": $(json_string "$name"),"
    echo "  \"createdAt\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
    echo "  \"database\": $(json_string "${PGDATABASE:-}"),"
    echo "  \"host\": $(json_string "${PGHOST:-localhost}:${PGPORT:-5432}"),"
    echo "  \"serverVersion\": $(json_string "$server_version"),"
    echo "  \"pgDumpVersion\": $(json_string "$(pg_dump --version)"),"
    echo '  "tables": ['
    separator=''
    while IFS="$(printf '\t')" read -r table rows sample; do
        printf '%s    { "name": %s, "rows": %s, "sample": %s }' "$separator" "$(json_string "$table")" "$rows" "$(json_string "$sample")"
        separator=",
"
    done < "$partial/tables.tsv"
    echo
    echo '  ],'
    echo '  "files": ['
    separator=''
    for file in $(cd "$partial" && find . -type f ! -name manifest.json ! -name manifest.sha256 | sed 's|^\./||' | LC_ALL=C sort); do
        bytes="$(wc -c < "$partial/$file" | tr -d ' ')"
        sha256="$(sha256sum "$partial/$file" | cut -d ' ' -f 1)"
        printf '%s    { "path": %s, "bytes": %s, "sha256": "%s" }' "$separator" "$(json_string "$file")" "$bytes" "$sha256"
        separator=",
"
    done
    echo
    echo '  ]'
    echo '}'
} > "$partial/manifest.json"
(cd "$partial" && sha256sum manifest.json > manifest.sha256)

mv "$partial" "$target"
trap - EXIT
log "Finished $target: $(du -sk "$target" | cut -f 1) KiB in $(($(date +%s) - started)) s."

if [ "$keep" -gt 0 ]; then
    finished="$(find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name 'voicehelper-*' ! -name '*.partial' | LC_ALL=C sort)"
    count="$(printf '%s\n' "$finished" | grep -c . || true)"
    excess=$((count - keep))
    if [ "$excess" -gt 0 ]; then
        printf '%s\n' "$finished" | head -n "$excess" | while read -r old; do
            log "Deleting $old: only the newest $keep backups are kept (BACKUP_KEEP)."
            rm -rf "$old"
        done
    fi
fi

if [ -n "$s3_uri" ]; then
    log "Uploading $name to $s3_uri/$name/"
    aws_s3 cp --recursive --only-show-errors --exclude manifest.json --exclude manifest.sha256 \
        "$target" "$s3_uri/$name/" || fail "uploading $target to $s3_uri/$name/ failed; the aws error is above."
    for file in manifest.json manifest.sha256; do
        aws_s3 cp --only-show-errors "$target/$file" "$s3_uri/$name/$file" \
            || fail "uploading $file to $s3_uri/$name/ failed; the aws error is above."
    done
    log "Uploaded $name to $s3_uri/$name/"

    if [ "$keep" -gt 0 ]; then
        # 'aws s3 ls' exits with 1 when the prefix is empty, which cannot happen right after an upload.
        stored="$(aws_s3 ls "$s3_uri/" | sed -n 's|^ *PRE \(voicehelper-[0-9TZ]*\)/$|\1|p' | LC_ALL=C sort)" \
            || fail "listing $s3_uri/ failed; the aws error is above."
        count="$(printf '%s\n' "$stored" | grep -c . || true)"
        excess=$((count - keep))
        if [ "$excess" -gt 0 ]; then
            printf '%s\n' "$stored" | head -n "$excess" | while read -r old; do
                log "Deleting $s3_uri/$old/: only the newest $keep backups are kept (BACKUP_KEEP)."
                aws_s3 rm --recursive --only-show-errors "$s3_uri/$old/" || fail "deleting $s3_uri/$old/ failed."
            done
        fi
    fi
fi

# A folder left .partial by a backup that was killed is removed once it is a day old.
find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name 'voicehelper-*.partial' -mmin +1440 -print 2>/dev/null \
    | while read -r stale; do
        log "Deleting $stale, left unfinished by an interrupted backup."
        rm -rf "$stale"
    done

# The only line on standard output: the finished backup folder, for the caller.
echo "$target"
