-- One kern's registry facts for the Sociale kaart heading: name, gemeente, type, location, projectleider role.
-- $kern_id: the kern. No row when the kern is unknown.
SELECT k.kern_id, k.name, g.name AS gemeente, k.kern_type, k.lat, k.lon, k.projectleider_role
FROM kern AS k
LEFT JOIN gemeente AS g USING (gemeente_code)
WHERE k.kern_id = $kern_id
