from __future__ import annotations

import pickle

import pytest

from pipelines.near_duplicates import NearDuplicateIndex, link_near_duplicates, shingles
from pipelines.normalize import normalize_texts

BASE = (
    "beredar pesan berantai yang menyebut vaksin covid 19 mengandung microchip magnet yang bisa "
    "melacak lokasi setiap warga lewat jaringan 5g padahal kementerian kesehatan sudah menegaskan "
    "bahwa klaim tersebut tidak benar dan vaksin aman digunakan"
)
ONE_WORD_CHANGED = BASE.replace("melacak", "memantau")
OTHER = (
    "bantuan sosial tunai akan cair minggu depan untuk seluruh penerima program keluarga harapan "
    "silakan cek status penerima melalui situs resmi kementerian sosial dan jangan percaya calo"
)


def test_shingles() -> None:
    assert shingles("a b c d") == {"a b c", "b c d"}
    assert shingles("a b") == {"a", "b"}  # shorter than the shingle size: unigrams
    assert shingles("") == set()


def test_one_changed_word_is_a_near_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("p1", BASE)
    assert index.query(ONE_WORD_CHANGED) == ["p1"]
    assert index.query(OTHER) == []


def test_find_or_add_adds_only_new_texts() -> None:
    index = NearDuplicateIndex()
    assert index.find_or_add("p1", BASE) is None
    assert index.find_or_add("p2", ONE_WORD_CHANGED) == "p1"
    assert index.find_or_add("p3", OTHER) is None
    assert len(index) == 2
    assert "p1" in index and "p2" not in index and "p3" in index


def test_find_or_add_is_idempotent_for_a_known_key() -> None:
    index = NearDuplicateIndex()
    assert index.find_or_add("p1", BASE) is None
    assert index.find_or_add("p1", BASE) is None
    assert len(index) == 1


def test_add_rejects_a_key_twice() -> None:
    index = NearDuplicateIndex()
    index.add("p1", BASE)
    with pytest.raises(ValueError, match="p1"):
        index.add("p1", OTHER)


def test_link_to_the_earliest() -> None:
    texts = [OTHER, BASE, ONE_WORD_CHANGED, BASE, OTHER + " ya"]
    assert link_near_duplicates(["a", "b", "c", "d", "e"], texts) == [None, None, "b", "b", "a"]


def test_query_lists_earliest_first() -> None:
    index = NearDuplicateIndex()
    for key in ("z", "y", "x"):
        index.add(key, BASE)
    assert index.query(ONE_WORD_CHANGED) == ["z", "y", "x"]


def test_link_uses_and_updates_a_given_index() -> None:
    index = NearDuplicateIndex()
    index.add("old", BASE)
    assert link_near_duplicates(["n1", "n2"], [ONE_WORD_CHANGED, OTHER], index=index) == [
        "old", None]
    assert "n2" in index
    assert index.query(OTHER) == ["n2"]


def test_short_texts_fall_back_to_unigrams() -> None:
    texts = ["vaksin bahaya", "bahaya vaksin", "vaksin aman"]
    assert link_near_duplicates(["a", "b", "c"], texts) == [None, "a", None]


def test_empty_texts_are_never_near_duplicates() -> None:
    assert link_near_duplicates(["a", "b"], ["", ""]) == [None, None]
    index = NearDuplicateIndex()
    index.add("empty", "")
    assert index.query("") == []
    assert "empty" in index


def test_threshold_is_respected() -> None:
    two_changed = ONE_WORD_CHANGED.replace("lokasi", "posisi")
    assert link_near_duplicates(["a", "b"], [BASE, two_changed], threshold=0.8) == [None, None]
    assert link_near_duplicates(["a", "b"], [BASE, two_changed], threshold=0.5) == [None, "a"]


def test_forwards_collide_after_normalisation() -> None:
    raw = [
        "Beredar pesan: vaksin COVID-19 mengandung microchip yg bisa melacak lokasi warga "
        "lewat 5G.",
        "⚠️ PENTING!!! Beredar pesan: vaksin covid 19 mengandung MICROCHIP yang bisa melacak "
        "lokasi warga lewat 5G!! Sebarkan!!! 🙏",
        "Diteruskan dari grup sebelah: beredar pesan, vaksin covid-19 mengandung microchip yang "
        "bisa memantau lokasi warga lewat 5G",
    ]
    table = normalize_texts(raw, detect_lang=False)
    hashes = table.column("content_hash").to_pylist()
    assert hashes[0] == hashes[1] != hashes[2]
    texts = table.column("text_norm").to_pylist()
    # 15 words, one changed: Jaccard 10/16 on 3-word shingles
    assert link_near_duplicates(["a", "b", "c"], texts, threshold=0.5) == [None, "a", "a"]


def test_index_state_survives_pickling() -> None:
    index = NearDuplicateIndex()
    index.add("p1", BASE)
    restored = pickle.loads(pickle.dumps(index))
    assert restored.query(ONE_WORD_CHANGED) == ["p1"]
    assert restored.find_or_add("p2", OTHER) is None
    assert len(restored) == 2 and len(index) == 1


def test_input_validation() -> None:
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0.0)
    with pytest.raises(ValueError):
        NearDuplicateIndex(shingle_size=0)
    with pytest.raises(ValueError):
        link_near_duplicates(["a"], [])
