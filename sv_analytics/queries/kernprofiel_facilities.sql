-- The accommodations for sport and movement of one kern (Kernprofiel).
-- $kern_id: the kern.
SELECT facility_type, name
FROM facility
WHERE kern_id = $kern_id
ORDER BY facility_type, name
