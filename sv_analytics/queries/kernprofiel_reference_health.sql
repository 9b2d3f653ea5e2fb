-- Percentages of Overijssel (PV23) and the Netherlands (NL01), to set a kern's health figures
-- beside (Kernprofiel). When a real source and the fictional demo source both hold a figure,
-- the real one is kept.
SELECT region_code, region_level, year, age_group, indicator, value, unit, source
FROM statistic
WHERE ((region_level = 'provincie' AND region_code = 'PV23')
    OR (region_level = 'land' AND region_code = 'NL01'))
  AND unit = '%'
QUALIFY row_number() OVER (
    PARTITION BY region_code, region_level, year, age_group, indicator
    ORDER BY source = 'Demo (fictief)', source
) = 1
ORDER BY region_level, indicator, age_group, year
