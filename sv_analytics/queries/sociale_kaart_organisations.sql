-- The organisations on the sociale kaart of one kern: sector, roles, project group, agreements.
-- $kern_id: the kern. One row per organisation; roles as a list of role codes (vocab org_role order),
-- n_agreements = the agreements it is party to, takes_part = it has a role or is party to an
-- agreement (the definition of wat_werkt_kernen.sql, partner sectors). Definitions:
-- sv_analytics/indicators/sociale_kaart.py.
WITH roles AS (
    SELECT r.org_id, list(r.role ORDER BY l.sort_order) AS roles
    FROM organisation_role AS r
    LEFT JOIN lookup AS l ON l.list_name = 'org_role' AND l.code = r.role
    GROUP BY r.org_id
),
parties AS (
    SELECT org_id, count(DISTINCT agreement_id) AS n_agreements
    FROM agreement_party
    GROUP BY org_id
)
SELECT o.org_id,
       o.name,
       o.sector,
       o.in_project_group,
       o.lat,
       o.lon,
       coalesce(r.roles, []::VARCHAR[])        AS roles,
       coalesce(p.n_agreements, 0)::BIGINT     AS n_agreements,
       (r.org_id IS NOT NULL OR p.org_id IS NOT NULL) AS takes_part
FROM organisation AS o
LEFT JOIN roles AS r USING (org_id)
LEFT JOIN parties AS p USING (org_id)
LEFT JOIN lookup AS s ON s.list_name = 'sector' AND s.code = o.sector
WHERE o.kern_id = $kern_id
ORDER BY s.sort_order NULLS LAST, o.name
