-- Names of CBS wijken as their imported boundaries carry them (geometry.name, e.g. "Wijk 15
-- Bathmen"), so that a wijk is shown by name and not by code; one name per code: real sources
-- before demo ones (the dataset's is_demo flag), then the boundary year closest to $year.
-- $year: the classification year of the kern's wijk codes (kernprofiel.LINK_YEAR).
SELECT geo.region_code, trim(geo.name) AS name
FROM geometry AS geo
LEFT JOIN dataset AS ds ON ds.dataset_id = geo.dataset_id
WHERE geo.region_level = 'wijk' AND nullif(trim(geo.name), '') IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY geo.region_code
    ORDER BY coalesce(ds.is_demo, false), abs(geo.year - $year), geo.source
) = 1
ORDER BY geo.region_code
