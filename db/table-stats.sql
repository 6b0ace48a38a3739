-- Prints one line per table of the public schema: name|rows|sample, where sample is an MD5 over the first and
-- the last ten rows by primary key (every row of a table without one). backup.sh runs it in the snapshot of the
-- dump and stores the lines in the backup's manifest; build.ps1 restore and verify-backup run it on the restored
-- database and compare. Large binary columns enter the sample as their MD5, so a table of 50 MiB documents costs
-- twenty hashes rather than a gigabyte of text. Run with psql --tuples-only --no-align --field-separator='|'.
WITH columns AS (
    SELECT c.oid,
           string_agg(
               CASE WHEN a.atttypid = 'bytea'::regtype
                    THEN format('coalesce(md5(%I), %L)', a.attname, '\N')
                    ELSE format('coalesce(%I::text, %L)', a.attname, '\N')
               END, ' || ''|'' || ' ORDER BY a.attnum) AS row_text
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    GROUP BY c.oid
), keys AS (
    SELECT i.indrelid AS oid,
           string_agg(format('%I', a.attname), ', ' ORDER BY array_position(i.indkey, a.attnum)) AS ascending,
           string_agg(format('%I DESC', a.attname), ', ' ORDER BY array_position(i.indkey, a.attnum)) AS descending
    FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE i.indisprimary
    GROUP BY i.indrelid
)
SELECT format(
    'SELECT %L, (SELECT count(*) FROM public.%I), '
    || '(SELECT coalesce(md5(string_agg(h, '''' ORDER BY h)), '''') FROM (SELECT md5(%s) AS h FROM %s) s)',
    c.relname, c.relname, columns.row_text,
    CASE WHEN keys.oid IS NULL
         THEN format('public.%I', c.relname)
         ELSE format('((SELECT * FROM public.%1$I ORDER BY %2$s LIMIT 10) UNION ALL '
                     '(SELECT * FROM public.%1$I ORDER BY %3$s LIMIT 10)) t', c.relname, keys.ascending, keys.descending)
    END)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN columns ON columns.oid = c.oid
LEFT JOIN keys ON keys.oid = c.oid
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
ORDER BY c.relname
\gexec
