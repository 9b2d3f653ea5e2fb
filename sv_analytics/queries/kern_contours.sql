-- Kern polygons (GeoJSON) where loaded, newest year per kern.
SELECT region_code AS kern_id, name, geojson, source
FROM geometry
WHERE region_level = 'kern'
QUALIFY row_number() OVER (PARTITION BY region_code ORDER BY year DESC, source) = 1
-- Sorted: a map drawn from these rows (screen, PNG, report) must come out the same every time.
ORDER BY kern_id
