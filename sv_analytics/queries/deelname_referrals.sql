-- Referrals per kern per month for the Deelname page.
-- $start, $end: first days of the first and last month (inclusive).
-- $gemeente, $kern, $doelgroep: filters, NULL for all (doelgroep as registered with the referral).
SELECT r.kern_id, r.month, sum(r.n)::BIGINT AS referrals
FROM referral AS r
JOIN kern AS k USING (kern_id)
WHERE r.month BETWEEN $start AND $end
  AND ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR r.kern_id = $kern)
  AND ($doelgroep IS NULL OR r.doelgroep = $doelgroep)
GROUP BY ALL
ORDER BY r.kern_id, r.month
