-- Network figures per kern: partners, sectors and active agreements on $peil (a date), referrals
-- in the months $start..$end (first days, inclusive), the signing date of the referral network
-- with care partners ($care_sectors: list of sector codes) and the first month with referrals ever.
WITH live AS (
    SELECT a.*
    FROM agreement AS a
    WHERE a.start_date <= $peil AND (a.end_date IS NULL OR a.end_date >= $peil)
),
partners AS (
    SELECT o.kern_id, count(DISTINCT o.org_id) AS partners, count(DISTINCT o.sector) AS sectors
    FROM agreement AS a
    JOIN agreement_party AS p USING (agreement_id)
    JOIN organisation AS o USING (org_id)
    WHERE a.start_date <= $peil
    GROUP BY o.kern_id
),
active AS (SELECT kern_id, count(*) AS agreements FROM live GROUP BY kern_id),
network AS (
    SELECT a.kern_id, min(a.start_date) AS network_signed
    FROM agreement AS a
    JOIN agreement_party AS p USING (agreement_id)
    JOIN organisation AS o USING (org_id)
    WHERE a.kind = 'doorverwijsnetwerk' AND list_contains($care_sectors, o.sector)
    GROUP BY a.kern_id
),
referrals AS (
    SELECT kern_id,
           sum(n) FILTER (WHERE month BETWEEN $start AND $end) AS referrals,
           min(month) FILTER (WHERE n > 0) AS first_referral_month
    FROM referral
    GROUP BY kern_id
)
SELECT k.kern_id, k.name, g.name AS gemeente,
       coalesce(pa.partners, 0)::BIGINT AS partners,
       coalesce(pa.sectors, 0)::BIGINT AS sectors,
       coalesce(ac.agreements, 0)::BIGINT AS agreements,
       coalesce(r.referrals, 0)::BIGINT AS referrals,
       nw.network_signed, r.first_referral_month
FROM kern AS k
JOIN gemeente AS g USING (gemeente_code)
LEFT JOIN partners AS pa USING (kern_id)
LEFT JOIN active AS ac USING (kern_id)
LEFT JOIN network AS nw USING (kern_id)
LEFT JOIN referrals AS r USING (kern_id)
ORDER BY g.name, k.name
