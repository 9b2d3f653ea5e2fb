-- The facilities (accommodations and meeting places) of one kern with their location, for the map.
-- $kern_id: the kern. Facilities without coordinates are returned too (lat/lon NULL).
SELECT f.facility_id, f.facility_type, f.name, f.lat, f.lon
FROM facility AS f
LEFT JOIN lookup AS l ON l.list_name = 'facility_type' AND l.code = f.facility_type
WHERE f.kern_id = $kern_id
ORDER BY l.sort_order NULLS LAST, f.name
