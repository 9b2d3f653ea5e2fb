-- The most recent imports and demo builds, newest first.
SELECT l.logged_at, l.action, l.status, l.file_name, l.kern_id, k.name AS kern_name, l.rows_json, l.message, l.user_name
FROM import_log AS l
LEFT JOIN kern AS k USING (kern_id)
ORDER BY l.log_id DESC
LIMIT $limit
