-- Date dimension: every day from 2015 to 2040 with its ISO week, month and Indonesian names.
-- Join on `day` (every fact and mart has one) to group by week or month, or label weekdays.
CREATE OR REPLACE VIEW dim_date AS
SELECT d::DATE AS day,
       year(d) AS year,
       quarter(d) AS quarter,
       month(d) AS month,
       ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
        'September', 'Oktober', 'November', 'Desember'][month(d)] AS month_name,
       date_trunc('month', d)::DATE AS month_start,
       isoyear(d) AS iso_year,
       week(d) AS iso_week,
       printf('%d-W%02d', isoyear(d), week(d)) AS iso_week_label,
       date_trunc('week', d)::DATE AS week_start,
       isodow(d) AS weekday,
       ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'][isodow(d)]
           AS weekday_name,
       isodow(d) >= 6 AS is_weekend,
       dayofmonth(d) AS day_of_month,
       dayofyear(d) AS day_of_year
FROM generate_series(DATE '2015-01-01', DATE '2040-12-31', INTERVAL 1 DAY) g(d);

-- Region dimension: provinces and kabupaten/kota, each with its province's code and name, so
-- "by province" is one join from any table that carries a region_code.
CREATE OR REPLACE VIEW dim_region AS
SELECT r.code AS region_code,
       r.name AS region_name,
       r.short_name,
       r.level,
       r.province_code,
       p.name AS province_name,
       r.level = 'province' AS is_province,
       r.lat,
       r.lon,
       r.population
FROM regions r
LEFT JOIN regions p ON p.code = r.province_code AND p.level = 'province';
