-- One kern and the CBS regions it is linked to (kern_region), for reading its statistics
-- (Kernprofiel). No row: the kern is not in the registry; one row with region_code NULL: the
-- kern has no links.
-- $kern_id: the kern.
SELECT k.name, k.gemeente_code, r.region_code, r.year
FROM kern AS k
LEFT JOIN kern_region AS r USING (kern_id)
WHERE k.kern_id = $kern_id
ORDER BY r.year, r.region_code
