-- Every kern with its type and inhabitants (page Mijn kern, comparable kernen); the 65+
-- share is added from profile.senior_shares, the one method every page uses.
SELECT k.kern_id, k.name, k.kern_type, k.inhabitants
FROM kern AS k
ORDER BY k.name
