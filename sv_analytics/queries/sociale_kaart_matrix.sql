-- Kern × sector: per kern (all kernen) and per sector (all codes of vocab sector) the organisations
-- on the sociale kaart and those that take part: with a role (organisation_role) or party to an
-- agreement (agreement_party), the definition of wat_werkt_kernen.sql (partner sectors).
-- No parameters. Rows ordered by kern type (vocab order: dorp, buurtschap, wijk), kern name, sector order.
WITH counts AS (
    SELECT o.kern_id,
           o.sector,
           count(*) AS organisations,
           count(*) FILTER (
               WHERE EXISTS (SELECT 1 FROM organisation_role AS r WHERE r.org_id = o.org_id)
                  OR EXISTS (SELECT 1 FROM agreement_party AS ap WHERE ap.org_id = o.org_id)
           ) AS taking_part
    FROM organisation AS o
    GROUP BY o.kern_id, o.sector
)
SELECT k.kern_id,
       k.name,
       g.name                                 AS gemeente,
       k.kern_type,
       s.code                                 AS sector,
       coalesce(c.organisations, 0)::BIGINT   AS organisations,
       coalesce(c.taking_part, 0)::BIGINT     AS taking_part
FROM kern AS k
LEFT JOIN gemeente AS g USING (gemeente_code)
LEFT JOIN lookup AS kt ON kt.list_name = 'kern_type' AND kt.code = k.kern_type
CROSS JOIN (SELECT code, sort_order FROM lookup WHERE list_name = 'sector') AS s
LEFT JOIN counts AS c ON c.kern_id = k.kern_id AND c.sector = s.code
ORDER BY kt.sort_order NULLS LAST, k.name, s.sort_order
