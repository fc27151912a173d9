from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pyarrow as pa
import pytest

from pipelines import gazetteer as gz

SHARED = Path("/work/shared/data/gazetteer")
NEW_PAPUA = {"93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan",
             "96": "Papua Barat Daya"}


def test_counts_38_provinces_514_regencies() -> None:
    table = gz.load_regions()
    levels = table.column("level").to_pylist()
    assert levels.count("province") == 38
    assert levels.count("regency") == 514
    assert table.num_rows == 552


def test_schema_keeps_codes_as_strings() -> None:
    table = gz.load_regions()
    assert table.schema == gz.SCHEMA
    codes = set(table.column("code").to_pylist())
    # "11.10" read as a float would become 11.1 and collide with nothing; make sure not.
    assert {"11.10", "33.74", "96.71", "31"} <= codes
    assert table.column("population").type == pa.int64()


def test_new_papua_provinces_and_renumbering() -> None:
    for code, name in NEW_PAPUA.items():
        assert gz.region_name(code) == name
    assert gz.region_name("91") == "Papua"
    assert gz.region_name("92") == "Papua Barat"
    assert gz.region_name("91.71") == "Kota Jayapura"
    assert gz.region_name("94.04") == "Kabupaten Mimika"


def test_names_use_prefixes_and_short_province_names() -> None:
    regions = gz.regions()
    assert regions["31"].name == "DKI Jakarta"
    assert regions["34"].name == "DI Yogyakarta"
    assert regions["35.07"].name == "Kabupaten Malang"
    assert regions["35.73"].name == "Kota Malang"
    assert regions["35.73"].short_name == "Malang"
    assert regions["35.73"].kind == "kota" and regions["35.07"].kind == "kabupaten"
    for region in regions.values():
        if region.level == "regency":
            assert region.name.startswith(("Kabupaten ", "Kota "))
            assert region.code.startswith(region.province_code + ".")
            assert region.province_code in regions
        else:
            assert region.province_code == region.code


def test_points_fall_inside_indonesia() -> None:
    for row in gz.load_regions().to_pylist():
        assert -11.5 < row["lat"] < 6.5, row["code"]
        assert 94.5 < row["lon"] < 141.5, row["code"]


def test_region_name_accepts_code_forms() -> None:
    assert gz.region_name("33.74") == "Kota Semarang"
    assert gz.region_name("3374") == "Kota Semarang"
    assert gz.region_name("99") is None
    assert gz.region_name("Semarang") is None


@pytest.mark.parametrize("query, code", [
    ("Jateng", "33"), ("33", "33"), ("3374", "33.74"), ("33.74", "33.74"),
    ("Kota Malang", "35.73"), ("Kab. Malang", "35.07"), ("kabupaten malang", "35.07"),
    ("Malang", "35"),  # shared by kota and kabupaten: the province
    ("solo", "33.72"), ("Surakarta", "33.72"), ("Sentani", "91.03"), ("Wamena", "95.01"),
    ("Timika", "94.04"), ("Labuan Bajo", "53.15"), ("Ruteng", "53.10"),
    ("Tanjungpinang", "21.72"), ("Tanjung Pinang", "21.72"), ("Pangkalpinang", "19.71"),
    ("Bukittinggi", "13.75"), ("Tangsel", "36.74"), ("Jaksel", "31.74"),
    ("DKI Jakarta", "31"), ("Daerah Khusus Ibukota Jakarta", "31"), ("Jogja", "34"),
    ("Kota Jogja", "34.71"), ("DIY", "34"), ("Provinsi Gorontalo", "75"),
    ("Gorontalo", "75"), ("Kabupaten Gorontalo", "75.01"), ("Kota Gorontalo", "75.71"),
    ("Kota Banjar", "32.79"), ("Kabupaten Banjar", "63.03"), ("Fak-Fak", "92.03"),
    ("Kep. Siau Tagulandang Biaro", "71.09"), ("Sitaro", "71.09"),
    ("Kota Administrasi Jakarta Selatan", "31.74"), ("Papua Barat Daya", "96"),
])
def test_resolve_region(query: str, code: str) -> None:
    assert gz.resolve_region(query) == code


@pytest.mark.parametrize("query", ["Banjar", "", "   ", "Atlantis", "99", "Kota"])
def test_resolve_region_unknown_or_undecidable(query: str) -> None:
    # "Banjar" is Kota Banjar (Jawa Barat) and Kabupaten Banjar (Kalimantan Selatan).
    assert gz.resolve_region(query) is None


def test_aliases_file_is_well_formed() -> None:
    with gz.ALIASES_PATH.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"alias", "code", "type", "note"}
    known = gz.regions()
    for row in rows:
        assert row["alias"].strip() == row["alias"] and row["alias"]
        assert all(c in known for c in row["code"].split()), row
    index = gz.name_index()  # raises on unknown codes
    assert index["jateng"].codes == ("33",)
    assert set(index["malang"].codes) == {"35.07", "35.73"}


def test_tokens_split_camel_case_and_fold_accents() -> None:
    assert gz.tokens("#BanjirJakarta di Kab.Malang") == ["banjir", "jakarta", "di", "kab",
                                                        "malang"]
    assert gz.tokens("Pasar Séni NTT") == ["pasar", "seni", "ntt"]
    assert gz.name_key("Tanjung-Pinang") == gz.name_key("Tanjungpinang") == "tanjungpinang"


def test_runtime_data_ships_with_the_package() -> None:
    assert gz.REGIONS_PATH.is_relative_to(Path(gz.__file__).parent)
    assert (gz.DATA_DIR / "LICENSE-regions.txt").is_file()
    source = Path(gz.__file__).read_text(encoding="utf-8")
    assert "/work/shared" not in source


@pytest.mark.skipif(not (SHARED / "regencies.csv").is_file(), reason="source gazetteer absent")
def test_build_script_reproduces_regions_csv(tmp_path: Path) -> None:
    script = gz.DATA_DIR / "build_regions.py"
    spec = importlib.util.spec_from_file_location("build_regions", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "regions.csv"
    assert module.main(["--gazetteer", str(SHARED), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == gz.REGIONS_PATH.read_text(encoding="utf-8")


def test_kecamatan_index_points_to_regencies() -> None:
    kec = gz.kecamatan_index()
    assert len(kec) > 6000
    assert kec["coblong"].codes == ("32.73",)
    assert set(kec["pameungpeuk"].codes) == {"32.04", "32.05"}
    assert kec["semarangtengah"].source == "kecamatan"
    regions, names = gz.regions(), gz.name_index()
    for key, entry in kec.items():
        assert key not in names  # region names and aliases win ("Batu" is Kota Batu)
        assert all(regions[c].level == "regency" for c in entry.codes)
    assert "kotapadang" not in kec  # a kecamatan of Rejang Lebong; "Kota Padang" is the kota
