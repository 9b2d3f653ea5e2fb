-- The agreements of one kern, one row per party (organisation) of each agreement.
-- $kern: kern_id. Agreements without a known party still appear once (party columns NULL).
SELECT a.agreement_id, a.kind, a.description, a.start_date, a.end_date, a.status,
       p.org_id, o.name AS org_name, o.sector
FROM agreement AS a
LEFT JOIN agreement_party AS p USING (agreement_id)
LEFT JOIN organisation AS o USING (org_id)
WHERE a.kern_id = $kern
ORDER BY a.start_date, a.agreement_id, o.sector, o.name
