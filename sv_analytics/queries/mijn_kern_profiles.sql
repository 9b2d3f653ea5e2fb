-- Every kern with what makes kernen comparable: type, inhabitants and the 65+ share
-- (page Mijn kern, comparable kernen). $year: the preferred statistics year.
-- 65+ share: from `statistic`, wijk level (the kern's CBS wijken in kern_region) where
-- present, else gemeente level; per region a real source is preferred over the demo source;
-- counts (inwoners 65+ / inwoners totaal) where present, else the published percentage;
-- the year nearest to $year (the later one on a tie).
WITH stat AS (
    SELECT region_code, region_level, year, age_group, indicator, value, source
    FROM statistic
    WHERE region_level IN ('wijk', 'gemeente')
      AND value IS NOT NULL
      AND ((indicator = 'inwoners' AND age_group IN ('65+', 'totaal'))
           OR (indicator = 'inwoners_pct' AND age_group = '65+'))
    QUALIFY row_number() OVER (
        PARTITION BY region_code, region_level, year, age_group, indicator
        ORDER BY source = 'Demo (fictief)', source
    ) = 1
),
per_region AS (
    SELECT region_code,
           region_level,
           year,
           max(value) FILTER (WHERE indicator = 'inwoners' AND age_group = '65+')    AS n65,
           max(value) FILTER (WHERE indicator = 'inwoners' AND age_group = 'totaal') AS ntot,
           max(value) FILTER (WHERE indicator = 'inwoners_pct')                      AS pct65,
           string_agg(DISTINCT source, '; ' ORDER BY source)                         AS source
    FROM stat
    GROUP BY ALL
),
kern_regions AS (
    SELECT l.kern_id, r.*
    FROM (SELECT DISTINCT kern_id, region_code FROM kern_region WHERE region_level = 'wijk') AS l
    JOIN per_region AS r ON r.region_code = l.region_code AND r.region_level = 'wijk'
    UNION ALL
    SELECT k.kern_id, r.*
    FROM kern AS k
    JOIN per_region AS r ON r.region_code = k.gemeente_code AND r.region_level = 'gemeente'
),
per_kern AS (
    SELECT kern_id,
           region_level,
           year,
           CASE WHEN count(n65) = count(*) AND count(ntot) = count(*) AND sum(ntot) > 0
                THEN 100 * sum(n65) / sum(ntot)
                ELSE avg(pct65) END                           AS share_65,
           string_agg(DISTINCT source, '; ' ORDER BY source) AS source
    FROM kern_regions
    GROUP BY ALL
),
best AS (
    SELECT *
    FROM per_kern
    WHERE share_65 IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY kern_id ORDER BY region_level = 'gemeente', abs(year - $year), year DESC
    ) = 1
)
SELECT k.kern_id,
       k.name,
       k.kern_type,
       k.inhabitants,
       b.share_65,
       b.region_level AS share_level,
       b.year         AS share_year,
       b.source       AS share_source
FROM kern AS k
LEFT JOIN best AS b USING (kern_id)
ORDER BY k.name
