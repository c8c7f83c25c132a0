-- A synthetic corpus about the size of ../shared/corpus ingested (≈1,300 documents, ≈120,000 statements) to time
-- the reporting example queries before the real corpus is loaded. Run on an EMPTY migrated database:
--   psql "$DB" -v docs=1300 -f tests/Diplotrack.Benchmarks/Reporting/synthetic_corpus.sql
-- Texts are recombined sentences with diplomatic formulas; stances and targets are random (seeded), so only
-- timings mean anything, not the figures.
\set ON_ERROR_STOP on
SELECT setseed(0.42);

INSERT INTO app.actors (id, kind, name_en, name_zh, aliases) VALUES
 ('CN','country','China','中国','{中方}'), ('US','country','United States','美国','{美方}'), ('RU','country','Russia','俄罗斯','{俄方}'),
 ('JP','country','Japan','日本','{日方}'), ('PH','country','Philippines','菲律宾','{菲方}'), ('IN','country','India','印度','{印方}'),
 ('GB','country','United Kingdom','英国','{英方}'), ('DE','country','Germany','德国','{德方}'), ('FR','country','France','法国','{法方}'),
 ('AU','country','Australia','澳大利亚','{澳方}'), ('KR','country','South Korea','韩国','{韩方}'), ('TW','territory','Taiwan','台湾','{}'),
 ('EU','organisation','European Union','欧盟','{}'), ('UN','organisation','United Nations','联合国','{}'), ('ASEAN','organisation','ASEAN','东盟','{}'),
 ('GLOBAL_SOUTH','region','Global South','全球南方','{}'), ('AFRICA','region','Africa','非洲','{}'), ('UNNAMED','unnamed','Unnamed actor','某些国家','{}')
ON CONFLICT DO NOTHING;
INSERT INTO app.themes (id, name_en) VALUES ('relations','Relations'),('trade','Trade'),('tech-sanctions','Tech and sanctions'),
 ('security','Security'),('sovereignty','Sovereignty'),('multilateral','Multilateral'),('development','Development'),('people','People'),
 ('mediation','Mediation'),('doctrine','Doctrine'),('other','Other') ON CONFLICT DO NOTHING;
INSERT INTO app.codebook_versions (id, content_sha256, content, created_at) VALUES (1, 'synthetic-1', '{}', now()), (2, 'synthetic-2', '{}', now());
INSERT INTO app.speakers (name, role, actor_id) VALUES ('发言人', 'spokesperson', 'CN');
INSERT INTO app.outlets (name, actor_id)
SELECT 'outlet ' || a.id || ' ' || g, a.id FROM app.actors a, generate_series(1, 2) g WHERE a.kind = 'country';

-- The codebook's formula ladder, as the seeder mirrors it.
CREATE TEMP TABLE ladder (formula text, rank int, stance smallint);
\copy ladder FROM 'seed/codebook/ladder.csv' WITH (FORMAT csv, HEADER)
INSERT INTO app.formulas (text, rank, stance, codebook_version) SELECT formula, rank, stance, 1 FROM ladder;

CREATE TEMP TABLE sentences (i int, text text);
INSERT INTO sentences SELECT ordinality - 1, t FROM unnest(ARRAY[
 '中方坚决反对美方对中国企业的无理打压。', '我们敦促有关方面停止遏制中国发展。', '中俄全面战略协作伙伴关系不断深化。',
 '欢迎各国朋友来华访问交流。', '中方对此表示关切，希望各方保持克制。', '双方将继续推动互利共赢的合作。',
 '这是两国关系中具有历史性意义的一步。', '我们愿同东盟国家一道维护睦邻友好。', '推动构建人类命运共同体是中国外交的主线。',
 '中方对这一做法表示强烈不满。', '我们高度赞赏非洲国家的支持。', '关于你提到的问题，我没有可以提供的信息。',
 '中方一贯主张通过对话协商解决分歧。', '某些国家的霸凌行径不得人心。', '中欧全面战略伙伴关系保持良好发展势头。']) WITH ORDINALITY t;

INSERT INTO app.documents (title, date, kind, language, source, format, sha256, normalised_text, ingested_at)
SELECT '外交部发言人例行记者会 ' || g, date '2016-01-04' + (g * 1.9)::int, 'regular-briefing', 'zh', 'synthetic/' || g, 'synthetic',
       lpad(to_hex(g), 64, '0'), repeat('文', 6000), now()
FROM generate_series(1, :docs) g;

INSERT INTO app.exchanges (document_id, ordinal, section, outlet_id, answerer_id, span_start, span_end)
SELECT d.id, e, NULL, (SELECT id FROM app.outlets ORDER BY id OFFSET ((d.id * 7 + e) % (SELECT count(*) FROM app.outlets)) LIMIT 1),
       (SELECT id FROM app.speakers LIMIT 1), e * 400, e * 400 + 400
FROM app.documents d, generate_series(0, 14) e;

-- Per exchange: one question, five answer sentences.
INSERT INTO app.statements (document_id, exchange_id, ordinal, kind, speaker_id, span_start, span_end, text)
SELECT x.document_id, x.id, x.ordinal * 6 + k, CASE WHEN k = 0 THEN 'question' ELSE 'answer' END,
       CASE WHEN k = 0 THEN NULL ELSE x.answerer_id END, x.span_start + k * 60, x.span_start + k * 60 + 20,
       (SELECT text FROM sentences WHERE i = (x.id * 31 + k * 17) % 15)
FROM app.exchanges x, generate_series(0, 5) k;

-- Current automatic codings (version 2), older superseded ones (version 1) for a third, manual ones for 2 %.
INSERT INTO app.statement_codings (statement_id, origin, codebook_version_id, themes, is_current, created_at, superseded_at)
SELECT s.id, 'auto', 1, ARRAY[(ARRAY['relations','trade','security','sovereignty','multilateral'])[1 + s.id % 5]], false,
       now() - interval '30 days', now() - interval '1 day'
FROM app.statements s WHERE s.id % 3 = 0;
INSERT INTO app.statement_codings (statement_id, origin, codebook_version_id, themes, is_current, created_at)
SELECT s.id, 'auto', 2, ARRAY[(ARRAY['relations','trade','security','sovereignty','multilateral'])[1 + s.id % 5], 'development'],
       s.id % 50 <> 0, now() - interval '1 day'
FROM app.statements s;
INSERT INTO app.statement_codings (statement_id, origin, codebook_version_id, themes, is_current, created_at, reason)
SELECT s.id, 'manual', 2, ARRAY[(ARRAY['relations','trade','security','sovereignty','multilateral'])[1 + s.id % 5]], true, now(), 'synthetic'
FROM app.statements s WHERE s.id % 50 = 0;

INSERT INTO app.coding_targets (statement_coding_id, actor_id, stance, source, confidence)
SELECT c.id, (ARRAY['US','RU','JP','PH','EU','IN','GB','AU','UNNAMED','AFRICA','CN','ASEAN'])[1 + (c.statement_id * 13 + c.codebook_version_id) % 12],
       (floor(random() * 5) - 2)::smallint, 'explicit', round(random()::numeric, 2)
FROM app.statement_codings c;
INSERT INTO app.coding_targets (statement_coding_id, actor_id, stance, source, confidence)
SELECT c.id, 'CN', (floor(random() * 3))::smallint, 'contextual', 0.6
FROM app.statement_codings c WHERE c.statement_id % 4 = 0
ON CONFLICT DO NOTHING;
ANALYZE;
