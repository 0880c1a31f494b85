-- Contacts for bench/fillfactor/run.sh: 60,000 rows; company 1 with 10,000 persons, the others in companies of ten.
TRUNCATE ms_contacts CASCADE;
INSERT INTO ms_contacts (id, document_id, no, type, name, search_name, company_name, address, post_code, city, phone_no, email, search_email, vat_registration_no, inheritance_overrides, created_at, updated_at, published_at, locale)
SELECT g, md5(g::text), 'CT' || lpad(g::text, 6, '0'), CASE WHEN g % 11 = 1 THEN 'company' ELSE 'person' END,
  'Name ' || g, 'NAME ' || g, 'Company ' || (g/11), 'Kerkstraat ' || g, '9000', 'Gent', '09 123 45 67', 'p' || g || '@ex.be', 'p' || g || '@ex.be', NULL,
  CASE WHEN g % 100 = 0 THEN '["phoneNo","address"]'::jsonb ELSE '[]'::jsonb END, now(), now(), now(), NULL
FROM generate_series(1, 60000) g;
-- company 1 gets 10,000 persons (ids 2..10001, minus companies), the rest belong to their own small companies
INSERT INTO ms_contacts_company_lnk (contact_id, inv_contact_id)
SELECT g, CASE WHEN g <= 11001 THEN 1 ELSE ((g-1)/11)*11+1 END FROM generate_series(1, 60000) g WHERE g % 11 <> 1 OR g = 1;
VACUUM ANALYZE ms_contacts; VACUUM ANALYZE ms_contacts_company_lnk;
