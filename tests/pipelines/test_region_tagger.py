from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli_regions import app
from pipelines.region_tagger import RegionTag, RegionTagger, get_tagger


def codes(text: str, level: str | None = None, **kw: str | None) -> set[str]:
    return {t.code for t in get_tagger().tag(text, **kw) if level in (None, t.level)}


def by_code(text: str) -> dict[str, RegionTag]:
    return {t.code: t for t in get_tagger().tag(text)}


@pytest.mark.parametrize("text, expected", [
    # aliases and abbreviations
    ("Jateng dan Jatim siaga banjir", {"33", "35"}),
    ("kalbar kalteng kalsel kaltim kaltara", {"61", "62", "63", "64", "65"}),
    ("Sulsel Sulut Sulteng Sultra Sulbar", {"73", "71", "72", "74", "76"}),
    ("Sumut, Sumbar, Sumsel, Kepri, Babel", {"12", "13", "16", "21", "19"}),
    ("warga NTT dan NTB", {"53", "52"}),
    ("DIY siaga", {"34"}), ("Jogja macet", {"34"}), ("Yogya hujan", {"34"}),
    ("banjir di jogjakarta", {"34"}), ("Pemprov DKI bantah", {"31"}), ("banjir Jakarta", {"31"}),
    ("Jakbar Jaksel Jaktim Jakut Jakpus", {"31", "31.71", "31.72", "31.73", "31.74", "31.75"}),
    ("Solo diguyur hujan", {"33", "33.72"}), ("Tangsel banjir", {"36", "36.74"}),
    # capitals and towns standing for their kabupaten
    ("Sentani banjir", {"91", "91.03"}), ("Wamena mencekam", {"95", "95.01"}),
    ("gempa di Nabire", {"94", "94.01"}), ("Timika rusuh", {"94", "94.04"}),
    ("Ruteng dingin", {"53", "53.10"}), ("ke Labuan Bajo", {"53", "53.15"}),
    ("Bukittinggi ramai", {"13", "13.75"}),
    # spaced and joined spellings
    ("Tanjung Pinang", {"21", "21.72"}), ("Tanjungpinang", {"21", "21.72"}),
    ("Pangkalpinang", {"19", "19.71"}), ("Pangkal Pinang", {"19", "19.71"}),
    ("Tolitoli", {"72", "72.04"}), ("Toli-Toli", {"72", "72.04"}), ("Baubau", {"74", "74.72"}),
    ("#BanjirBekasi hari ini", {"32"}),
    # prefixes
    ("Kota Malang", {"35", "35.73"}), ("Kabupaten Malang", {"35", "35.07"}),
    ("kab. malang", {"35", "35.07"}), ("Kab Malang", {"35", "35.07"}),
    ("Kota Batu", {"35", "35.79"}), ("Kota Malang dan Kota Batu", {"35", "35.73", "35.79"}),
    ("Kota dan Kabupaten Bogor", {"32", "32.71", "32.01"}),
    ("Pemkot Bekasi dan Pemkab Bekasi", {"32", "32.75", "32.16"}),
    ("Bupati Bogor", {"32", "32.01"}), ("Wali Kota Bogor", {"32", "32.71"}),
    ("Pemko Medan", {"12", "12.71"}), ("Polres Bima Kota", {"52", "52.72"}),
    ("Kota Administrasi Jakarta Selatan", {"31", "31.74"}),
    ("Provinsi Gorontalo", {"75"}), ("Kota Gorontalo", {"75", "75.71"}),
    ("Kota Jambi", {"15", "15.71"}), ("Gubernur Jambi", {"15"}),
    # shared kota/kabupaten without prefix: the province only
    ("Bandung diguyur hujan es", {"32"}), ("Malang diguyur hujan", {"35"}),
    ("Bekasi, Tangerang, Serang", {"32", "36"}), ("Kupang", {"53"}), ("Sorong", {"96"}),
    ("Jayapura diguncang gempa", {"91"}), ("Solok", {"13"}), ("Bima dilanda banjir", {"52"}),
    # ...unless the other mention or a town decides
    ("Kota Bogor siaga. Warga Bogor diminta tenang", {"32", "32.71"}),
    ("Cikarang, Bekasi terendam", {"32", "32.16"}),
    # province names that are also kota names
    ("Jambi berasap", {"15"}), ("Bengkulu gempa", {"17"}), ("Gorontalo panas", {"75"}),
    # names in two provinces: Banjar is Kota Banjar (Jabar) and Kab. Banjar (Kalsel)
    ("Banjar terendam", set()), ("Banjarmasin dan Banjar terendam", {"63", "63.71", "63.03"}),
    # islands and areas
    ("Gempa Lombok", {"52"}), ("Warga Madura", {"35"}), ("Jabodetabek hujan", {"31", "32", "36"}),
    ("Malang Raya siaga", {"35"}), ("Kabupaten Nias", {"12", "12.04"}), ("Nias", {"12"}),
    ("Solo Baru macet", {"33", "33.11"}),
])
def test_tags(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize("text", [
    "Harga batu bata naik lagi",
    "harga cabai di pasar naik, malang nasibnya",
    "Malang benar nasib pedagang kecil",
    "Untung tak dapat diraih, malang tak dapat ditolak",
    "Padang rumput di lereng gunung terbakar",
    "mereka tersesat di padang pasir",
    "Medan perang informasi menjelang pemilu",
    "semangat juang di medan laga",
    "Penyanyi itu memilih solo karier",
    "Grup band itu tampil solo di panggung",
    "Tambang batu bara ilegal ditertibkan",
    "tambang batubara ilegal",
    "Tepung sagu mengandung pati yang tinggi",
    "Petugas menggali liang lahat",
    "Batang pohon tumbang menimpa mobil",
    "Batu longsor dari tebing",
    "Buru-buru pulang karena hujan",
    "hakim ketok palu, terdakwa divonis",
    "Gambar palu arit itu editan",
    "Roh Kudus",
    "sampai di puncak gunung setelah mendaki",
    "Selat Malaka ramai kapal",
    "Papua Nugini diguncang gempa",
    "Dari Sabang sampai Merauke harga BBM sama",
    "Nasi Padang dekat kantor naik harga",
    "Soto Lamongan enak banget",
    "Bakso Malang paling enak",
    "Gudeg Jogja",
    "Pak Bima baru pulang",
    "Bima Sakti terlihat jelas",
    "Anak badung itu dihukum",
    "Tim kami akan serang balik",
    "Tebing tinggi di pinggir jalan longsor",
    "Sungai penuh sampah",
    "Pembangunan kota baru terus berjalan",
    "Virus itu berkembang biak dengan cepat",
    "Dasar tua bangka",
    "Pasar minggu di desa kami ramai",
    "kami mendaki bukit tinggi itu",
    "Kabar pemadaman listrik se-Indonesia hoaks",
    "",
])
def test_ordinary_words_are_not_places(text: str) -> None:
    assert codes(text) == set()


@pytest.mark.parametrize("text, expected", [
    ("Wisata di Batu tetap buka", {"35", "35.79"}),
    ("hujan es di malang & batu, jatim ekstrem", {"35", "35.79"}),
    ("Warga Metro heboh", {"18", "18.72"}),
    ("Polda Metro Jaya tangkap penyebar hoaks soal banjir Jakarta", {"31"}),
    ("Palu diguncang gempa", {"72", "72.71"}),
    ("Lahat diguncang gempa tektonik", {"16", "16.04"}),
    ("Banjir di Pati meluas", {"33", "33.18"}),
    ("Kudus dan Jepara diterjang angin", {"33", "33.19", "33.20"}),
    ("Warga Kabupaten Puncak mengungsi ke Ilaga", {"94", "94.05"}),
    ("Macet parah di Puncak Bogor", {"32"}),
    ("Kabupaten Batu Bara dilanda banjir rob", {"12", "12.19"}),
    ("Wali Kota Bogor Bima Arya bantah isu", {"32", "32.71"}),
    ("Harga tiket Jakarta-Medan naik", {"31", "12", "12.71"}),
    ("jalan medan merdeka ditutup dekat monas", {"31", "31.71"}),
    ("banjar adat di Gianyar", {"51", "51.04"}),
    ("Kapal dari Pelabuhan Ketapang tenggelam di Selat Bali", {"35", "35.10"}),
    ("Sungai Kapuas meluap", {"61"}),
])
def test_ordinary_words_in_place_context(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Air PDAM di daerah Serengan tercemar", {"33", "33.72"}),
    ("Banjir di Kec. Kedaton", {"18", "18.71"}),
    ("Kucing hilang di Tamalate sejak kemarin", {"73", "73.71"}),
    ("warga coblong heboh", {"32", "32.73"}),  # lowercase, but after warga
    ("#BanjirBekasi warga di Bekasi Utara mengungsi", {"32", "32.75"}),
    ("Coblong Bandung macet", {"32", "32.73"}),  # the kecamatan decides the shared name
    # one name, two kab/kota of one province: the province
    ("vaksin di SD Pameungpeuk", {"32"}),
    ("Pameungpeuk, Garut banjir", {"32", "32.05"}),
    # not kecamatan: streets, markets, words, sentence-initial capitals, landforms, names
    ("Jl. Sudirman macet", set()), ("Telur murah di Pasar Kosambi", set()),
    ("Bener ga sih ada razia?", set()), ("Gunung Agung erupsi lagi", set()),
    ("Pak Bambang pulang", set()), ("Kota Padang siaga", {"13", "13.71"}),
])
def test_kecamatan_stand_for_their_regency(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


def test_kecamatan_rule_and_evidence() -> None:
    tag = by_code("Banjir di Kec. Kedaton pagi ini")["18.71"]
    assert (tag.rule, tag.evidence, tag.confidence) == ("kecamatan", "Kec. Kedaton", 0.85)
    assert by_code("di daerah Serengan")["33.72"].confidence == 0.75
    ambiguous = by_code("vaksin di SD Pameungpeuk")["32"]
    assert ambiguous.rule == "ambiguous_kecamatan" and "Kabupaten Garut 32.05" in ambiguous.evidence


def test_ambiguous_name_is_reported_at_province_level() -> None:
    tags = get_tagger().tag("Bogor diguyur hujan")
    assert len(tags) == 1
    tag = tags[0]
    assert (tag.code, tag.level, tag.rule) == ("32", "province", "ambiguous_kota_kabupaten")
    assert "Kota Bogor 32.71" in tag.evidence and "Kabupaten Bogor 32.01" in tag.evidence
    assert tag.evidence.startswith("Bogor")


def test_regency_implies_province_with_evidence() -> None:
    tags = get_tagger().tag("Banjir di Sleman")
    assert [(t.code, t.level, t.rule) for t in tags] == [
        ("34.04", "regency", "name"), ("34", "province", "implied_by_regency")]
    assert tags[0].evidence == tags[1].evidence == "Sleman"
    assert tags[0].name == "Kabupaten Sleman" and tags[1].name == "DI Yogyakarta"
    assert tags[0].province_code == "34"


def test_explicit_province_beats_implied() -> None:
    tags = by_code("Banjir di Sleman, Jogja")
    assert tags["34"].rule == "alias" and tags["34"].evidence == "Jogja"


def test_confidence_by_rule() -> None:
    assert by_code("Kota Malang")["35.73"].confidence == 0.95  # explicit prefix
    assert by_code("Jaksel")["31.74"].confidence == 0.9  # alias
    assert by_code("Jaksel")["31.74"].rule == "alias"
    context = by_code("Wisata di Batu tetap buka")["35.79"]
    assert (context.rule, context.confidence) == ("name_in_context", 0.8)
    assert by_code("Sentani")["91.03"].rule == "town"
    ambiguous = by_code("Tegal siaga")["33"]
    assert ambiguous.confidence < context.confidence
    for tag in get_tagger().tag("Kota Malang, Jaksel, Batu, Sentani"):
        assert 0 < tag.confidence <= 1 and tag.evidence and tag.rule


def test_evidence_is_the_matched_span_with_prefix() -> None:
    tag = by_code("Banjir di Kota Administrasi Jakarta Selatan pagi ini")["31.74"]
    assert tag.evidence == "Kota Administrasi Jakarta Selatan"
    assert by_code("Polres Bima Kota amankan")["52.72"].evidence == "Bima Kota"


def test_hint_and_home_region_priors() -> None:
    tagger = get_tagger()
    hinted = tagger.tag("Air PDAM keruh sejak pagi", hint="Kota Malang")
    assert [(t.code, t.rule, t.confidence) for t in hinted] == [
        ("35.73", "region_hint", 0.6), ("35", "implied_by_regency", 0.6)]
    assert tagger.tag("Jalan ditutup", hint="33.08")[0].code == "33.08"
    assert {t.code for t in tagger.tag("Jalan ditutup", hint="Banjir di Jateng")} == {"33"}
    home = tagger.tag("Harga beras naik", home_region="73.71")
    assert [(t.code, t.rule, t.confidence) for t in home] == [
        ("73.71", "source_home_region", 0.5), ("73", "implied_by_regency", 0.5)]
    # an unusable hint falls through to the home region
    assert tagger.tag("Harga beras naik", hint="Atlantis", home_region="31")[0].rule \
        == "source_home_region"
    # a place in the text beats both priors
    assert codes("Banjir di Kendari", hint="Jateng", home_region="31") == {"74", "74.71"}
    assert tagger.tag("Harga beras naik") == []


def test_tag_many_matches_tag_and_checks_lengths() -> None:
    tagger = get_tagger()
    texts = ["Banjir di Sleman", "tidak ada tempat", "Kota Malang"]
    assert tagger.tag_many(texts) == [tagger.tag(t) for t in texts]
    out = tagger.tag_many(texts, hints=[None, "Jateng", None], home_regions=[None, None, "31"])
    assert [t.code for t in out[1]] == ["33"]
    with pytest.raises(ValueError):
        tagger.tag_many(texts, hints=["x"])


def test_get_tagger_is_cached() -> None:
    assert get_tagger() is get_tagger()


def test_tagging_is_fast() -> None:
    # the real figure is ~80k posts/s on one core; this only guards against a per-region loop
    tagger = RegionTagger()
    posts = ["Banjir di Kota Malang dan batu bata mahal, warga Jatim mengeluh",
             "wkwk ini beneran gak sih, tolong dicek dulu sebelum share ya guys",
             "Pemkab Bogor: kabar Puncak ditutup hoaks"] * 7000
    start = time.perf_counter()
    tagger.tag_many(posts)
    assert time.perf_counter() - start < 5.0


# --- CLI -------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_tag_text_table_and_json() -> None:
    result = runner.invoke(app, ["tag", "Banjir di Kota Malang"])
    assert result.exit_code == 0, result.output
    assert "Kota Malang" in result.output and "explicit_prefix" in result.output
    result = runner.invoke(app, ["tag", "Banjir di Kota Malang", "--json"])
    assert result.exit_code == 0
    assert [t["code"] for t in json.loads(result.output)] == ["35.73", "35"]
    result = runner.invoke(app, ["tag", "tidak ada tempat"])
    assert result.exit_code == 0 and "no region" in result.output


def test_cli_jsonl_round_trip(tmp_path: Path) -> None:
    rows = [{"id": 1, "text": "Banjir di Kota Malang"},
            {"id": 2, "text": "Air keruh sejak pagi", "region_hint": "Jateng"},
            {"id": 3, "text": "tidak ada tempat"}]
    src = tmp_path / "posts.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "tagged.jsonl"
    result = runner.invoke(app, ["tag", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    tagged = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in tagged] == [1, 2, 3]
    assert tagged[1]["region_hint"] == "Jateng"  # the input object comes back whole
    first = tagged[0]["regions"]
    assert [r["code"] for r in first] == ["35.73", "35"]
    assert set(first[0]) == {"code", "name", "level", "confidence", "evidence"}
    assert first[0]["level"] == "regency" and first[1]["level"] == "province"
    assert [r["code"] for r in tagged[1]["regions"]] == ["33"]
    assert tagged[2]["regions"] == []
    # and to stdout
    result = runner.invoke(app, ["tag", "--input", str(src)])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 2, 3]


@pytest.mark.parametrize("content, message", [
    ('{"text": "ok"}\n{not json}\n', "posts.jsonl:2: not valid JSON"),
    ('["a list"]\n', "posts.jsonl:1: expected an object"),
    ('{"txt": "no text field"}\n', "expected an object with a 'text' string"),
])
def test_cli_bad_input_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["tag", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_missing_file_and_bad_usage() -> None:
    result = runner.invoke(app, ["tag", "--input", "/no/such/posts.jsonl"])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["tag"])
    assert result.exit_code == 2 and "either TEXT or --input" in result.output
