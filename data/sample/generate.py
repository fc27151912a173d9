#!/usr/bin/env python3
"""Generate Pantau's bundled sample data. EVERYTHING IT WRITES IS SYNTHETIC.

Usage:  python data/sample/generate.py

(Re)writes, from a fixed seed (random.Random(20261123)), everything under data/sample/ except this
script and README.md: inbox/<date>/posts.jsonl, inbox/<date>/news-<portal>.xml,
inbox/<date>/factchecks.xml, inbox/2026-11-07/factchecks-archive.xml, sources.csv, labels.csv and
truth/*.csv. Two runs give byte-identical output. Standard library only.

All posts, people, accounts, WhatsApp groups, portals, fact-checks and URLs are invented. URLs use
example domains (*.example, *.example.id). No phone numbers appear anywhere. Region codes are the
Kemendagri codes; places are real place names because the pipeline must learn to tag them.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
import re
import shutil
import string
from collections import Counter, defaultdict
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

SEED = 20261123
rng = random.Random(SEED)

HERE = Path(__file__).resolve().parent
INBOX = HERE / "inbox"
TRUTH = HERE / "truth"
START = dt.date(2026, 11, 7)
NDAYS = 16
DAYS = [START + dt.timedelta(days=i) for i in range(NDAYS)]

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
HARI3 = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]
BULAN3 = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
EN_DAY3 = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# =============================================================================================
# Geography. Codes verified against Kepmendagri 2025 (38 provinces, post-2022 Papua split).
# =============================================================================================
PROV = {  # code: (name, aliases used in everyday text, UTC offset hours)
    "11": ("Aceh", ["Aceh"], 7),
    "12": ("Sumatera Utara", ["Sumut", "Sumatera Utara"], 7),
    "13": ("Sumatera Barat", ["Sumbar", "Sumatera Barat"], 7),
    "14": ("Riau", ["Riau"], 7),
    "16": ("Sumatera Selatan", ["Sumsel", "Sumatera Selatan"], 7),
    "18": ("Lampung", ["Lampung"], 7),
    "31": ("DKI Jakarta", ["Jakarta", "DKI"], 7),
    "32": ("Jawa Barat", ["Jabar", "Jawa Barat"], 7),
    "33": ("Jawa Tengah", ["Jateng", "Jawa Tengah"], 7),
    "34": ("DI Yogyakarta", ["DIY", "Jogja", "Yogyakarta"], 7),
    "35": ("Jawa Timur", ["Jatim", "Jawa Timur"], 7),
    "36": ("Banten", ["Banten"], 7),
    "51": ("Bali", ["Bali"], 8),
    "52": ("Nusa Tenggara Barat", ["NTB"], 8),
    "53": ("Nusa Tenggara Timur", ["NTT"], 8),
    "61": ("Kalimantan Barat", ["Kalbar", "Kalimantan Barat"], 7),
    "64": ("Kalimantan Timur", ["Kaltim", "Kalimantan Timur"], 8),
    "71": ("Sulawesi Utara", ["Sulut"], 8),
    "73": ("Sulawesi Selatan", ["Sulsel", "Sulawesi Selatan"], 8),
    "81": ("Maluku", ["Maluku"], 9),
    "91": ("Papua", ["Papua"], 9),
    "94": ("Papua Tengah", ["Papua Tengah"], 9),
    "95": ("Papua Pegunungan", ["Papua Pegunungan"], 9),
}

# code: (official name, how people write it, kecamatan/district names, weight for everyday chatter)
REG = {
    "11.71": ("Kota Banda Aceh", ["Banda Aceh", "Kota Banda Aceh"], ["Kuta Alam", "Syiah Kuala", "Lueng Bata", "Ulee Kareng"], 2),
    "11.73": ("Kota Lhokseumawe", ["Lhokseumawe", "Kota Lhokseumawe"], ["Banda Sakti", "Muara Dua"], 1),
    "12.71": ("Kota Medan", ["Medan", "Kota Medan"], ["Medan Johor", "Medan Helvetia", "Medan Denai", "Medan Tembung", "Medan Sunggal"], 5),
    "12.07": ("Kabupaten Deli Serdang", ["Deli Serdang", "Kab. Deli Serdang", "Lubuk Pakam"], ["Percut Sei Tuan", "Tanjung Morawa", "Batang Kuis"], 2),
    "13.71": ("Kota Padang", ["Padang", "Kota Padang"], ["Koto Tangah", "Lubuk Begalung", "Padang Barat", "Kuranji"], 3),
    "13.75": ("Kota Bukittinggi", ["Bukittinggi"], ["Guguk Panjang", "Mandiangin Koto Selayan"], 1),
    "14.71": ("Kota Pekanbaru", ["Pekanbaru", "Kota Pekanbaru"], ["Marpoyan Damai", "Senapelan", "Rumbai", "Bukit Raya"], 3),
    "14.72": ("Kota Dumai", ["Dumai"], ["Dumai Barat", "Dumai Timur"], 1),
    "16.71": ("Kota Palembang", ["Palembang", "Plg"], ["Ilir Timur I", "Seberang Ulu I", "Kalidoni", "Sukarami"], 3),
    "18.71": ("Kota Bandar Lampung", ["Bandar Lampung", "Balam", "Kota Bandar Lampung"], ["Rajabasa", "Kedaton", "Way Halim", "Teluk Betung"], 3),
    "18.01": ("Kabupaten Lampung Selatan", ["Lampung Selatan", "Lamsel", "Kalianda"], ["Kalianda", "Sidomulyo", "Bakauheni"], 1),
    "31.74": ("Kota Administrasi Jakarta Selatan", ["Jakarta Selatan", "Jaksel"], ["Tebet", "Pasar Minggu", "Cilandak", "Kebayoran Baru", "Jagakarsa"], 4),
    "31.75": ("Kota Administrasi Jakarta Timur", ["Jakarta Timur", "Jaktim"], ["Cakung", "Duren Sawit", "Kramat Jati", "Ciracas"], 4),
    "31.72": ("Kota Administrasi Jakarta Utara", ["Jakarta Utara", "Jakut"], ["Koja", "Tanjung Priok", "Penjaringan", "Cilincing"], 3),
    "32.73": ("Kota Bandung", ["Bandung", "Kota Bandung"], ["Coblong", "Antapani", "Buahbatu", "Cibiru", "Sukasari"], 5),
    "32.75": ("Kota Bekasi", ["Bekasi", "Kota Bekasi"], ["Bekasi Timur", "Jatiasih", "Bantargebang", "Pondok Gede"], 4),
    "32.76": ("Kota Depok", ["Depok", "Kota Depok"], ["Beji", "Cimanggis", "Sawangan", "Sukmajaya"], 3),
    "32.71": ("Kota Bogor", ["Bogor", "Kota Bogor"], ["Tanah Sareal", "Bogor Barat", "Bogor Utara"], 3),
    "32.05": ("Kabupaten Garut", ["Garut", "Kab. Garut"], ["Tarogong Kidul", "Cibatu", "Leles", "Pameungpeuk"], 2),
    "32.06": ("Kabupaten Tasikmalaya", ["Kab. Tasikmalaya", "Tasik", "Tasikmalaya"], ["Singaparna", "Manonjaya", "Cipatujah"], 2),
    "32.03": ("Kabupaten Cianjur", ["Cianjur", "Kab. Cianjur"], ["Cugenang", "Pacet", "Cipanas"], 2),
    "33.72": ("Kota Surakarta", ["Solo", "Kota Surakarta", "Surakarta"], ["Laweyan", "Banjarsari", "Jebres", "Pasar Kliwon", "Serengan"], 4),
    "33.74": ("Kota Semarang", ["Semarang", "Kota Semarang"], ["Tembalang", "Banyumanik", "Pedurungan", "Semarang Barat"], 4),
    "33.10": ("Kabupaten Klaten", ["Klaten", "Kab. Klaten"], ["Delanggu", "Wedi", "Ceper", "Jatinom"], 2),
    "33.11": ("Kabupaten Sukoharjo", ["Sukoharjo", "Kab. Sukoharjo"], ["Kartasura", "Grogol", "Baki"], 2),
    "33.09": ("Kabupaten Boyolali", ["Boyolali"], ["Ampel", "Mojosongo", "Banyudono"], 1),
    "33.02": ("Kabupaten Banyumas", ["Banyumas", "Purwokerto"], ["Purwokerto Utara", "Sokaraja", "Ajibarang"], 2),
    "34.04": ("Kabupaten Sleman", ["Kab. Sleman", "Sleman", "Kabupaten Sleman"], ["Godean", "Kalasan", "Ngaglik", "Mlati", "Gamping"], 4),
    "34.02": ("Kabupaten Bantul", ["Bantul", "Kab. Bantul"], ["Kasihan", "Sewon", "Imogiri", "Kretek"], 3),
    "34.71": ("Kota Yogyakarta", ["Jogja", "Kota Yogyakarta", "Yogyakarta", "Kota Jogja"], ["Umbulharjo", "Kotagede", "Mergangsan", "Gondokusuman"], 3),
    "35.78": ("Kota Surabaya", ["Surabaya", "Suroboyo", "Kota Surabaya"], ["Wonokromo", "Rungkut", "Tambaksari", "Kenjeran", "Sukolilo"], 5),
    "35.73": ("Kota Malang", ["Kota Malang", "Malang"], ["Lowokwaru", "Sukun", "Blimbing", "Klojen", "Kedungkandang"], 4),
    "35.07": ("Kabupaten Malang", ["Kab. Malang", "Kabupaten Malang"], ["Kepanjen", "Singosari", "Turen", "Pakisaji", "Sumbermanjing Wetan"], 3),
    "35.15": ("Kabupaten Sidoarjo", ["Sidoarjo"], ["Waru", "Taman", "Candi", "Porong", "Buduran"], 3),
    "35.09": ("Kabupaten Jember", ["Jember"], ["Kaliwates", "Puger", "Ambulu", "Sumbersari"], 2),
    "35.10": ("Kabupaten Banyuwangi", ["Banyuwangi"], ["Genteng", "Pesanggaran", "Muncar", "Rogojampi"], 2),
    "35.71": ("Kota Kediri", ["Kota Kediri", "Kediri"], ["Mojoroto"], 2),
    "36.74": ("Kota Tangerang Selatan", ["Tangsel", "Tangerang Selatan"], ["Pamulang", "Ciputat", "Serpong", "Pondok Aren"], 3),
    "36.71": ("Kota Tangerang", ["Kota Tangerang", "Tangerang"], ["Cipondoh", "Karawaci", "Ciledug"], 3),
    "36.03": ("Kabupaten Tangerang", ["Kab. Tangerang", "Kabupaten Tangerang"], ["Cikupa", "Balaraja", "Pasar Kemis"], 2),
    "36.01": ("Kabupaten Pandeglang", ["Pandeglang", "Kab. Pandeglang"], ["Labuan", "Carita", "Sumur", "Panimbang"], 2),
    "36.02": ("Kabupaten Lebak", ["Lebak", "Rangkasbitung"], ["Malingping", "Bayah", "Cibeber"], 1),
    "36.73": ("Kota Serang", ["Serang", "Kota Serang"], ["Cipocok Jaya", "Taktakan"], 2),
    "51.71": ("Kota Denpasar", ["Denpasar"], ["Denpasar Selatan", "Denpasar Barat", "Denpasar Utara"], 3),
    "51.03": ("Kabupaten Badung", ["Badung", "Kab. Badung"], ["Kuta", "Mengwi", "Kuta Utara", "Abiansemal"], 2),
    "51.08": ("Kabupaten Buleleng", ["Buleleng", "Singaraja"], ["Seririt", "Sawan", "Gerokgak"], 2),
    "51.04": ("Kabupaten Gianyar", ["Gianyar"], ["Ubud", "Sukawati", "Blahbatuh"], 1),
    "52.71": ("Kota Mataram", ["Mataram", "Kota Mataram"], ["Ampenan", "Cakranegara", "Sekarbela"], 2),
    "52.03": ("Kabupaten Lombok Timur", ["Lombok Timur", "Lotim", "Selong"], ["Selong", "Masbagik", "Aikmel"], 2),
    "52.02": ("Kabupaten Lombok Tengah", ["Lombok Tengah", "Loteng", "Praya"], ["Praya", "Pujut", "Jonggat"], 1),
    "53.71": ("Kota Kupang", ["Kupang", "Kota Kupang"], ["Oebobo", "Kelapa Lima", "Alak", "Maulafa"], 2),
    "53.01": ("Kabupaten Kupang", ["Kab. Kupang", "Kabupaten Kupang"], ["Kupang Timur", "Amarasi", "Sulamu"], 1),
    "53.07": ("Kabupaten Sikka", ["Sikka", "Maumere", "Kab. Sikka"], ["Alok", "Kewapante", "Nita", "Paga"], 1),
    "53.08": ("Kabupaten Ende", ["Ende", "Kab. Ende"], ["Ende Selatan", "Wolowaru", "Nangapanda"], 1),
    "53.15": ("Kabupaten Manggarai Barat", ["Manggarai Barat", "Labuan Bajo", "Mabar"], ["Komodo", "Lembor", "Sano Nggoang"], 1),
    "61.71": ("Kota Pontianak", ["Pontianak", "Kota Pontianak"], ["Pontianak Kota", "Pontianak Barat", "Pontianak Timur"], 2),
    "64.72": ("Kota Samarinda", ["Samarinda"], ["Sungai Kunjang", "Samarinda Ulu", "Palaran", "Sungai Pinang"], 2),
    "64.71": ("Kota Balikpapan", ["Balikpapan"], ["Balikpapan Selatan", "Balikpapan Utara", "Balikpapan Kota"], 2),
    "64.02": ("Kabupaten Kutai Kartanegara", ["Kutai Kartanegara", "Kukar", "Tenggarong"], ["Tenggarong", "Loa Janan", "Samboja"], 1),
    "71.71": ("Kota Manado", ["Manado"], ["Wenang", "Malalayang", "Tikala"], 2),
    "73.71": ("Kota Makassar", ["Makassar", "Kota Makassar"], ["Tamalate", "Panakkukang", "Rappocini", "Biringkanaya", "Tallo"], 4),
    "73.06": ("Kabupaten Gowa", ["Gowa", "Sungguminasa"], ["Somba Opu", "Pallangga", "Bontomarannu"], 2),
    "73.08": ("Kabupaten Bone", ["Kab. Bone", "Watampone"], ["Tanete Riattang", "Dua Boccoe"], 1),
    "81.71": ("Kota Ambon", ["Ambon", "Kota Ambon"], ["Sirimau", "Nusaniwe", "Teluk Ambon", "Baguala"], 2),
    "81.01": ("Kabupaten Maluku Tengah", ["Maluku Tengah", "Malteng", "Masohi"], ["Kota Masohi", "Salahutu", "Leihitu"], 1),
    "91.71": ("Kota Jayapura", ["Jayapura", "Kota Jayapura"], ["Abepura", "Heram", "Jayapura Utara", "Muara Tami"], 2),
    "91.03": ("Kabupaten Jayapura", ["Sentani", "Kab. Jayapura", "Kabupaten Jayapura"], ["Sentani", "Waibu", "Sentani Timur"], 1),
    "91.06": ("Kabupaten Biak Numfor", ["Biak", "Biak Numfor"], ["Biak Kota", "Samofa"], 1),
    "94.01": ("Kabupaten Nabire", ["Nabire"], ["Nabire", "Wanggar"], 1),
    "94.04": ("Kabupaten Mimika", ["Timika", "Mimika"], ["Mimika Baru", "Kuala Kencana", "Wania"], 1),
    "95.01": ("Kabupaten Jayawijaya", ["Wamena", "Jayawijaya"], ["Wamena", "Hubikosi"], 1),
}

LOCAL = {  # everyday-life details per province (football clubs, food, markets, sights, streets)
    "11": dict(team=["Persiraja"], kuliner=["mie Aceh", "kopi sanger", "kuah beulangong"], pasar=["Pasar Aceh", "Pasar Peunayong"], wisata=["Pantai Lampuuk", "Pantai Ulee Lheue"], jalan=["Jl. Teuku Umar", "Jl. Tgk. Daud Beureueh"]),
    "12": dict(team=["PSMS Medan"], kuliner=["bika ambon", "mie gomak", "soto Medan", "durian"], pasar=["Pasar Petisah", "Pasar Sukaramai"], wisata=["Danau Toba", "Istana Maimun"], jalan=["Jl. Gatot Subroto", "Jl. Sisingamangaraja"]),
    "13": dict(team=["Semen Padang"], kuliner=["sate Padang", "rendang", "soto Padang"], pasar=["Pasar Raya Padang", "Pasar Atas"], wisata=["Pantai Air Manis", "Jam Gadang"], jalan=["Jl. Khatib Sulaiman", "Jl. By Pass"]),
    "14": dict(team=[], kuliner=["gulai ikan patin", "mie sagu"], pasar=["Pasar Bawah", "Pasar Pusat"], wisata=["Masjid Raya An-Nur"], jalan=["Jl. Sudirman", "Jl. HR Soebrantas"]),
    "16": dict(team=["Sriwijaya FC"], kuliner=["pempek", "tekwan", "mie celor"], pasar=["Pasar 16 Ilir", "Pasar Cinde"], wisata=["Jembatan Ampera", "Benteng Kuto Besak"], jalan=["Jl. Jenderal Sudirman", "Jl. Demang Lebar Daun"]),
    "18": dict(team=[], kuliner=["seruit", "pempek Lampung", "keripik pisang"], pasar=["Pasar Bambu Kuning", "Pasar Tugu"], wisata=["Pantai Mutun", "Pahawang"], jalan=["Jl. ZA Pagar Alam", "Jl. Teuku Umar"]),
    "31": dict(team=["Persija"], kuliner=["kerak telor", "soto Betawi", "ketoprak"], pasar=["Pasar Minggu", "Pasar Senen", "Pasar Kramat Jati"], wisata=["Monas", "Kota Tua", "Ancol"], jalan=["Jl. Sudirman", "Jl. TB Simatupang", "Jl. Raya Bogor"]),
    "32": dict(team=["Persib"], kuliner=["seblak", "batagor", "surabi", "mie kocok"], pasar=["Pasar Baru", "Pasar Kosambi", "pasar induk"], wisata=["Kawah Putih", "Lembang", "Situ Bagendit"], jalan=["Jl. Soekarno-Hatta", "Jl. Dago", "Jl. Raya Narogong"]),
    "33": dict(team=["PSIS", "Persis Solo"], kuliner=["timlo", "nasi liwet", "tengkleng", "lumpia"], pasar=["Pasar Gede", "Pasar Legi", "Pasar Johar"], wisata=["Lawang Sewu", "Keraton Surakarta", "Candi Prambanan"], jalan=["Jl. Slamet Riyadi", "Jl. Pandanaran", "jalan Solo-Jogja"]),
    "34": dict(team=["PSS Sleman", "PSIM"], kuliner=["gudeg", "sate klathak", "bakmi Jawa"], pasar=["Pasar Beringharjo", "Pasar Kranggan"], wisata=["Malioboro", "Pantai Parangtritis", "Kaliurang"], jalan=["Jl. Kaliurang", "Ring Road Utara", "Jl. Magelang", "Jl. Parangtritis"]),
    "35": dict(team=["Persebaya", "Arema"], kuliner=["rawon", "rujak cingur", "bakso Malang", "lontong balap"], pasar=["Pasar Besar", "Pasar Wonokromo", "Pasar Pabean"], wisata=["Bromo", "Pantai Balekambang", "Kenjeran"], jalan=["Jl. Soekarno-Hatta", "Jl. Ahmad Yani", "Jl. Raya Darmo"]),
    "36": dict(team=["Persita"], kuliner=["sate bandeng", "rabeg"], pasar=["Pasar Rau", "Pasar Ciputat"], wisata=["Pantai Carita", "Pantai Anyer"], jalan=["Jl. Raya Serang", "Jl. Raya Serpong", "Jl. Siliwangi"]),
    "51": dict(team=["Bali United"], kuliner=["ayam betutu", "lawar", "babi guling", "sate lilit"], pasar=["Pasar Badung", "Pasar Kumbasari"], wisata=["Pantai Sanur", "Pantai Kuta", "Ubud"], jalan=["Jl. Bypass Ngurah Rai", "Jl. Gatot Subroto", "Jl. Teuku Umar"]),
    "52": dict(team=[], kuliner=["ayam taliwang", "plecing kangkung", "sate rembiga"], pasar=["Pasar Kebon Roek", "Pasar Cakranegara"], wisata=["Pantai Senggigi", "Mandalika", "Gili Trawangan"], jalan=["Jl. Udayana", "Jl. Langko"]),
    "53": dict(team=[], kuliner=["se'i sapi", "jagung bose", "ikan kuah asam"], pasar=["Pasar Oeba", "Pasar Inpres Naikoten", "Pasar Alok"], wisata=["Pantai Lasiana", "Labuan Bajo", "Danau Kelimutu"], jalan=["Jl. El Tari", "Jl. Timor Raya"]),
    "61": dict(team=[], kuliner=["chai kue", "bubur pedas", "mie tiaw"], pasar=["Pasar Flamboyan", "Pasar Dahlia"], wisata=["Tugu Khatulistiwa"], jalan=["Jl. Gajah Mada", "Jl. Ahmad Yani"]),
    "64": dict(team=["Borneo FC"], kuliner=["nasi kuning Samarinda", "amplang"], pasar=["Pasar Segiri", "Pasar Pandansari"], wisata=["Pantai Kemala", "Islamic Center Samarinda"], jalan=["Jl. Jenderal Sudirman", "Jl. MT Haryono"]),
    "71": dict(team=[], kuliner=["tinutuan", "cakalang fufu"], pasar=["Pasar Bersehati"], wisata=["Pantai Malalayang", "Bunaken"], jalan=["Jl. Piere Tendean", "Jl. Sam Ratulangi"]),
    "73": dict(team=["PSM Makassar"], kuliner=["coto Makassar", "pisang epe", "konro", "pallubasa"], pasar=["Pasar Terong", "Pasar Daya"], wisata=["Pantai Losari", "Benteng Rotterdam"], jalan=["Jl. Perintis Kemerdekaan", "Jl. AP Pettarani", "Jl. Urip Sumoharjo"]),
    "81": dict(team=[], kuliner=["ikan kuah kuning", "papeda", "ikan asar"], pasar=["Pasar Mardika", "Pasar Batu Merah"], wisata=["Pantai Natsepa", "Pantai Liang"], jalan=["Jl. AY Patty", "Jl. Sultan Hasanuddin"]),
    "91": dict(team=["Persipura"], kuliner=["papeda", "ikan bakar", "sagu lempeng"], pasar=["Pasar Youtefa", "Pasar Hamadi", "Pasar Pharaa"], wisata=["Danau Sentani", "Pantai Base G"], jalan=["Jl. Raya Abepura", "Jl. Raya Sentani"]),
    "94": dict(team=[], kuliner=["papeda", "ikan bakar"], pasar=["Pasar Sentral Timika", "Pasar Karang"], wisata=["Pantai Nabire"], jalan=["Jl. Budi Utomo", "Jl. Merdeka"]),
    "95": dict(team=[], kuliner=["ubi bakar", "kopi Wamena"], pasar=["Pasar Jibama"], wisata=["Lembah Baliem"], jalan=["Jl. Trikora", "Jl. Irian"]),
}
GENERIC_JALAN = ["Jl. Sudirman", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Gajah Mada", "Jl. Veteran", "jalan lingkar", "Jl. Pemuda", "Jl. Merdeka"]

JAVANESE_PROVS = {"33", "34", "35"}
# regencies/cities without a sea coast (no fishermen / high-wave stories there)
INLAND = {"33.72", "33.10", "33.11", "33.09", "33.02", "34.04", "34.71", "35.73", "35.71", "32.73", "32.76", "32.71", "36.74",
          "36.71", "13.75", "14.71", "16.71", "95.01", "31.74", "31.75", "64.72"}
SUNDANESE_PROVS = {"32", "36"}


def prov_of(code: str | None) -> str:
    return code[:2] if code else ""


def tz_of(code: str) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=PROV[prov_of(code)][2]))


def tz_label(code: str) -> str:
    return {7: "WIB", 8: "WITA", 9: "WIT"}[PROV[prov_of(code)][2]]


def city_short(code: str) -> str:
    return REG[code][1][0]


def city_formal(code: str) -> str:
    return REG[code][0].replace("Kota Administrasi ", "")


def prov_alias(code: str) -> str:
    return rng.choice(PROV[prov_of(code)][1])


def place_mention(code: str) -> str:
    name, mentions, kecs, _ = REG[code]
    short = mentions[0]
    r = rng.random()
    if r < 0.55:
        return rng.choice(mentions)
    if r < 0.80:
        kec = rng.choice(kecs)
        if kec == short or short in kec:
            return kec
        return rng.choice([f"{kec}, {short}", f"Kec. {kec}", f"daerah {kec}", f"{kec} {short}", f"{kec}"])
    if r < 0.92:
        pa = prov_alias(code)
        if pa in short:
            return short
        return rng.choice([f"{rng.choice(mentions)}, {pa}", f"{rng.choice(mentions)} ({pa})"])
    return prov_alias(code)


def local(code: str, what: str):
    vals = LOCAL.get(prov_of(code), {}).get(what) or []
    if what == "jalan":
        vals = vals + GENERIC_JALAN[:3]
    return vals


def id_date(d: dt.date, with_day=True, year=True) -> str:
    s = f"{d.day} {BULAN[d.month - 1]}" + (f" {d.year}" if year else "")
    return f"{HARI[d.weekday()]}, {s}" if with_day else s


# =============================================================================================
# Small utilities
# =============================================================================================
def wchoice(pairs):
    if isinstance(pairs, dict):
        pairs = list(pairs.items())
    pairs = [(k, w) for k, w in pairs if w > 0]
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    acc = 0.0
    for item, w in pairs:
        acc += w
        if r < acc:
            return item
    return pairs[-1][0]


SLOT_RE = re.compile(r"\{(\w+)\}")


def render(tpl: str, region: str | None, pools: dict, fixed: dict | None = None, force: dict | None = None) -> str:
    """Fill {slots}. The same slot name gets the same value within one text; `{x2}` draws again from pool `x`."""
    cache: dict[str, str] = dict(force or {})
    fixed = fixed or {}

    def value(name: str) -> str:
        if name in cache:
            return cache[name]
        base = name.rstrip("0123456789")
        src = fixed.get(name)
        if src is None:
            src = pools.get(name, pools.get(base))
        if src is None:
            src = fixed.get(base)
        if src is None:
            raise KeyError(f"slot {name!r} missing for template: {tpl[:70]!r}")
        if callable(src):
            src = src(region)
        elif isinstance(src, (list, tuple)):
            src = rng.choice(src)
        cache[name] = str(src)
        return cache[name]

    return SLOT_RE.sub(lambda m: value(m.group(1)), tpl)


def slots_in(tpl: str) -> set[str]:
    return set(SLOT_RE.findall(tpl))


def region_pools(code: str, day: int | None = None) -> dict:
    """Slots every template may use for the region a post is about."""
    p = {
        "place": lambda r: place_mention(r),
        "city": lambda r: rng.choice(REG[r][1]),
        "kec": lambda r: rng.choice(REG[r][2]),
        "prov": lambda r: prov_alias(r),
        "prov_name": lambda r: PROV[prov_of(r)][0],
        "city_formal": lambda r: city_formal(r),
        "tzl": lambda r: tz_label(r),
    }
    if day is not None:
        p["tgl_dekat"] = lambda r, d=day: id_date(DAYS[d] + dt.timedelta(days=rng.randint(2, 6)), with_day=True, year=False)
        p["jadwal"] = lambda r, d=day: id_date(DAYS[d] + dt.timedelta(days=rng.randint(1, 4)), with_day=True, year=False)
    return p


SLANG = [
    (r"\byang\b", ["yg"]), (r"\btidak\b", ["gak", "ga", "nggak", "tdk", "enggak"]), (r"\bdengan\b", ["dgn", "sama"]),
    (r"\bkarena\b", ["krn", "karna", "gara2"]), (r"\buntuk\b", ["utk", "buat"]), (r"\bsudah\b", ["udah", "sdh", "udh"]),
    (r"\bbelum\b", ["blm", "belom"]), (r"\bbenar-benar\b", ["bener2"]), (r"\bsaja\b", ["aja"]),
    (r"\bbagaimana\b", ["gimana", "gmn"]), (r"\bkalau\b", ["kalo", "klo"]), (r"\bsekarang\b", ["skrg", "sekarang"]),
    (r"\bjuga\b", ["jg"]), (r"\btolong\b", ["tlg"]), (r"\bbanyak\b", ["byk"]), (r"\borang\b", ["org"]),
    (r"\bterima kasih\b", ["makasih", "trims"]), (r"\bsangat\b", ["bgt", "banget"]), (r"\bhati-hati\b", ["hati2", "ati2"]),
    (r"\bsemua\b", ["smua", "semua"]), (r"\bbisa\b", ["bs", "bisa"]), (r"\bdari\b", ["dr"]), (r"\btapi\b", ["tp"]),
    (r"\bbeberapa\b", ["bbrp"]), (r"\bsegera\b", ["buruan", "segera"]),
]


def slangify(text: str, p: float = 0.6) -> str:
    for pat, reps in SLANG:
        text = re.sub(pat, lambda m: rng.choice(reps) if rng.random() < p else m.group(0), text)
    return text


STRETCH = [("bahaya", "bahayaaa"), ("serem", "seremmm"), ("takut", "takuttt"), ("tolong", "tolooong"),
           ("waspada", "waspadaaa"), ("ngeri", "ngeriii"), ("parah", "parahhh"), ("hati2", "hati2 yaaa")]


def stretch(text: str) -> str:
    for a, b in STRETCH:
        if a in text and rng.random() < 0.5:
            text = text.replace(a, b, 1)
    if rng.random() < 0.4:
        text = text.rstrip(".!") + rng.choice(["!!!", "!!", " 😱😱", "!! 🙏"])
    return text


WA_HEAD = ["*PENTING*\n", "⚠️⚠️ ", "Diteruskan dari grup sebelah:\n", "*INFO*\n", "Copas dari grup sebelah 🙏\n",
           "*INFO PENTING!!*\n", "Assalamualaikum, mohon izin share 🙏\n", "[Forward]\n"]
WA_TAIL = [" Sebarkan!", "\n\nSEBARKAN!! 🙏🙏", "\nMohon diteruskan ke keluarga 🙏", "\n(Diteruskan dari grup sebelah)",
           " Jangan berhenti di Anda!", "\n_Sumber: grup sebelah_", " 🙏🙏", "\nSemoga bermanfaat."]


def wa_decorate(text: str) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(WA_HEAD) + text
    if r < 0.8:
        return text + rng.choice(WA_TAIL)
    return rng.choice(WA_HEAD) + text + rng.choice(WA_TAIL)


def near_dup(text: str) -> str:
    """A forward of `text` with small edits: decoration, emoji, punctuation, casing."""
    ops = rng.sample(["head", "tail", "emoji", "punct", "space", "case", "slang"], k=rng.choice([1, 1, 2, 2, 3]))
    t = text
    for op in ops:
        if op == "head":
            t = rng.choice(WA_HEAD + ["Fwd: ", "Info dari sebelah ", "‼️ "]) + t
        elif op == "tail":
            t = t + rng.choice(WA_TAIL + [" Sebarkan!", " 🙏", " ⚠️⚠️", " #viral"])
        elif op == "emoji":
            t = t + " " + rng.choice(["🙏", "😱", "⚠️", "😭😭", "🔥", "‼️", "😡"])
        elif op == "punct":
            t = t.replace(". ", rng.choice(["!! ", ".. ", "... ", ", "]), 2).replace("!!", rng.choice(["!", "!!!", "!!"]))
        elif op == "space":
            t = re.sub(r"\s*\n\s*", " ", t).replace("  ", " ")
        elif op == "case":
            t = t.upper() if len(t) < 350 and rng.random() < 0.5 else t[:1].lower() + t[1:]
        elif op == "slang":
            t = slangify(t, 0.5)
    if t == text:
        t = text + " 🙏"
    return t


def has_phone_like(text: str) -> bool:
    return bool(re.search(r"(\+?62|\b0)8\d{2}[\s.-]?\d{3,4}[\s.-]?\d{3,4}", text)) or bool(re.search(r"\d{9,}", text))


# =============================================================================================
# Sources (accounts, groups, channels, feeds). All invented.
# =============================================================================================
class Src:
    def __init__(self, source, platform, home, official=False, desc="", **kw):
        self.source, self.platform, self.home, self.official, self.desc = source, platform, home, official, desc
        self.group_name = kw.get("group_name")
        self.display = kw.get("display")          # official/channel display name
        self.topics = set(kw.get("topics", []))   # narrative keys this search/channel is tuned to
        self.chatter = kw.get("chatter", True)    # carries everyday chatter?
        self.p_respond = kw.get("p_respond", 0.0)  # officials: chance to answer a narrative seen in its area
        self.lags = kw.get("lags", [2, 3])         # officials: days between first sighting and answer
        self.kind = kw.get("kind", "")
        self.authors: list[str] = []


SOURCES: list[Src] = []


def S(*a, **kw):
    SOURCES.append(Src(*a, **kw))


# --- WhatsApp groups and the tipline (display names only, never numbers) ---------------------------
S("wa-tipline-aduan", "whatsapp", "", desc="Tipline aduan: pesan WhatsApp yang diteruskan warga ke nomor aduan (nasional)", chatter=False)
for src, home, grp in [
    ("wa-forward-aceh", "11", "Info Warga Aceh"), ("wa-pengajian-medan", "12.71", "Pengajian Ibu-Ibu Medan Johor"),
    ("wa-forward-sumut", "12", "Kabar Sumut Terkini"), ("wa-forward-padang", "13.71", "Dunsanak Padang"),
    ("wa-forward-pekanbaru", "14.71", "Warga Pekanbaru Bersatu"), ("wa-forward-palembang", "16.71", "Wong Kito Plg"),
    ("wa-forward-lampung", "18", "Info Lampung"), ("wa-ojol-jaksel", "31.74", "Driver Ojol Jaksel 🛵"),
    ("wa-forward-jakarta", "31", "Kabar Warga Jakarta"), ("wa-paguyuban-bandung", "32.73", "Paguyuban Warga Antapani"),
    ("wa-warga-bekasi", "32.75", "RW 09 Jatiasih"), ("wa-grup-guru-garut", "32.05", "Guru SD Se-Kecamatan"),
    ("wa-forward-jabar", "32", "Wargi Jabar"), ("wa-keluarga-semarang", "33.74", "Keluarga Besar Mbah Karto"),
    ("wa-ibu2-pkk-solo", "33.72", "PKK RW 07"), ("wa-grup-tani-klaten", "33.10", "Kelompok Tani Sido Makmur"),
    ("wa-forward-jateng", "33", "Sedulur Jateng"), ("wa-grup-rt-sleman", "34.04", "Warga RT 04 🏡"),
    ("wa-forward-bantul", "34.02", "Info Bantul"), ("wa-forward-jatim", "35", "Arek Jatim Info"),
    ("wa-alumni-smansa-malang", "35.73", "Alumni SMA Angk. 98"), ("wa-ortu-murid-kepanjen", "35.07", "Wali Murid Kelas 3B"),
    ("wa-grup-arisan-sidoarjo", "35.15", "Arisan Perumahan Blok C"), ("wa-warga-tangsel", "36.74", "Warga Cluster Melati"),
    ("wa-nelayan-pandeglang", "36.01", "Nelayan Labuan"), ("wa-banjar-denpasar", "51.71", "Banjar Kaja Info"),
    ("wa-warga-mataram", "52.71", "Warga Ampenan"), ("wa-forward-ntb", "52", "Info NTB"),
    ("wa-keluarga-kupang", "53.71", "Keluarga Besar Kupang"), ("wa-grup-pasar-maumere", "53.07", "Pedagang Pasar Alok"),
    ("wa-forward-ntt", "53", "Flobamora Info"), ("wa-grup-kaltim", "64", "Info Kaltim"),
    ("wa-forward-makassar", "73.71", "Info Makassar Kota"), ("wa-forward-sulsel", "73", "Sulsel Bersatu"),
    ("wa-forward-ambon", "81.71", "Basudara Ambon"), ("wa-forward-sentani", "91.03", "Warga Sentani"),
    ("wa-forward-papua", "91", "Info Tanah Papua"), ("wa-grup-timika", "94.04", "Kabar Timika"),
    ("wa-forward-pontianak", "61.71", "Info Pontianak"), ("wa-forward-manado", "71.71", "Torang Manado"),
]:
    S(src, "whatsapp", home, desc=f"Grup WhatsApp warga (pesan diteruskan), grup \"{grp}\"", group_name=grp)

# --- Facebook groups ---------------------------------------------------------------------------
for src, home in [
    ("fb-info-banda-aceh", "11.71"), ("fb-info-lhokseumawe", "11.73"), ("fb-grup-info-medan", "12.71"),
    ("fb-info-deli-serdang", "12.07"), ("fb-info-padang", "13.71"), ("fb-info-bukittinggi", "13.75"),
    ("fb-info-pekanbaru", "14.71"), ("fb-info-dumai", "14.72"), ("fb-info-palembang", "16.71"),
    ("fb-info-bandar-lampung", "18.71"), ("fb-info-lamsel", "18.01"), ("fb-info-jakarta-timur", "31.75"),
    ("fb-warga-jakut", "31.72"), ("fb-info-bandung-raya", "32.73"), ("fb-info-bekasi-raya", "32.75"),
    ("fb-info-depok", "32.76"), ("fb-info-bogor", "32.71"), ("fb-info-garut", "32.05"), ("fb-jual-beli-tasik", "32.06"),
    ("fb-info-cianjur", "32.03"), ("fb-info-solo-raya", "33.72"), ("fb-info-semarang", "33.74"), ("fb-info-klaten", "33.10"),
    ("fb-info-sukoharjo", "33.11"), ("fb-info-boyolali", "33.09"), ("fb-info-purwokerto", "33.02"),
    ("fb-warga-sleman-bersatu", "34.04"), ("fb-info-bantul", "34.02"), ("fb-info-jogja-kota", "34.71"),
    ("fb-kabar-warga-malang", "35"), ("fb-suara-warga-surabaya", "35.78"), ("fb-info-sidoarjo", "35.15"),
    ("fb-info-jember", "35.09"), ("fb-info-banyuwangi", "35.10"), ("fb-info-kediri", "35.71"),
    ("fb-info-tangerang", "36.71"), ("fb-info-kab-tangerang", "36.03"), ("fb-info-pandeglang", "36.01"),
    ("fb-info-lebak", "36.02"), ("fb-info-serang", "36.73"), ("fb-info-denpasar", "51.71"), ("fb-info-buleleng", "51.08"),
    ("fb-info-gianyar", "51.04"), ("fb-info-lombok", "52"), ("fb-info-kupang", "53.71"), ("fb-info-flores", "53"),
    ("fb-info-samarinda", "64.72"), ("fb-info-balikpapan", "64.71"), ("fb-info-kukar", "64.02"), ("fb-info-makassar", "73.71"),
    ("fb-info-gowa", "73.06"), ("fb-info-bone", "73.08"), ("fb-info-ambon-manise", "81.71"), ("fb-info-malteng", "81.01"),
    ("fb-info-jayapura", "91.71"), ("fb-info-biak", "91.06"), ("fb-info-timika", "94.04"), ("fb-info-nabire", "94.01"),
    ("fb-info-wamena", "95.01"), ("fb-info-pontianak", "61.71"), ("fb-info-manado", "71.71"),
]:
    S(src, "facebook", home, desc="Grup Facebook publik info warga")

# --- Instagram accounts --------------------------------------------------------------------------
for src, home in [
    ("ig-seputar-solo", "33.72"), ("ig-semarang-hits", "33.74"), ("ig-jogja-update", "34"), ("ig-malang-hits", "35.73"),
    ("ig-surabaya-kini", "35.78"), ("ig-infobdg", "32.73"), ("ig-bekasi-update", "32.75"), ("ig-jakarta-terkini", "31"),
    ("ig-makassar-info", "73.71"), ("ig-bali-kini", "51"), ("ig-lombok-info", "52"), ("ig-kupang-update", "53.71"),
    ("ig-medan-viral", "12.71"), ("ig-palembang-update", "16.71"),
]:
    S(src, "instagram", home, desc="Akun Instagram info kota (unggahan dan komentar publik)")

# --- X (keyword searches are national; geo streams are regional) ---------------------------------
S("x-search-hoaks", "x", "", desc="Pencarian X: kata kunci hoaks/viral/benarkah", chatter=False)
S("x-search-bmkg", "x", "", desc="Pencarian X: gempa, tsunami, megathrust, BMKG", chatter=False, topics=["bmkg-megathrust"])
S("x-search-bansos", "x", "", desc="Pencarian X: bansos, BLT, pinjol, token", chatter=False,
  topics=["bansos-link", "pinjol-ilegal", "token-listrik-gratis"])
S("x-search-pemilu", "x", "", desc="Pencarian X: KPU, surat suara, pemilu", chatter=False, topics=["kpu-surat-suara"])
S("x-search-listrik", "x", "", desc="Pencarian X: PLN, listrik padam, BBM", chatter=False,
  topics=["pln-padam-total", "bbm-pertalite-naik", "token-listrik-gratis"])
for src, home in [("x-geo-jabodetabek", "31"), ("x-geo-bandung", "32.73"), ("x-geo-surabaya", "35.78"), ("x-geo-jogja", "34"),
                  ("x-geo-semarang", "33.74"), ("x-geo-medan", "12.71"), ("x-geo-makassar", "73.71"), ("x-geo-bali", "51")]:
    S(src, "x", home, desc="Aliran X berbasis lokasi (geotag/profil)")

# --- Telegram -------------------------------------------------------------------------------------
S("tg-info-loker-nasional", "telegram", "", desc="Kanal Telegram info lowongan kerja (nasional)", display="Info Loker Nusantara",
  chatter=False, topics=["rekrutmen-cpns-bumn", "pinjol-ilegal"])
for src, home, disp in [("tg-kabar-papua", "91", "Kabar Papua Hari Ini"), ("tg-info-pegunungan", "95", "Info Lembah Baliem"),
                        ("tg-kabar-maluku", "81", "Kabar Maluku"), ("tg-info-kaltim", "64", "Info Kaltim Terkini"),
                        ("tg-info-jatim", "35", "Info Jatim"), ("tg-kabar-sulsel", "73", "Kabar Sulsel"),
                        ("tg-info-sumbar", "13", "Info Ranah Minang"), ("tg-info-aceh", "11", "Info Serambi")]:
    S(src, "telegram", home, desc=f"Kanal/grup Telegram \"{disp}\"", display=disp)

# --- Official: Diskominfo, KIM, police/utility humas, national agencies ---------------------------
FAST, MID, SLOW = [1, 1, 2, 2], [2, 3, 3, 4], [3, 4, 5, 6]
for src, plat, home, disp, p, lags in [
    ("diskominfo-sumut", "government", "12", "Diskominfo Provinsi Sumatera Utara", 0.45, SLOW),
    ("diskominfo-medan", "government", "12.71", "Diskominfo Kota Medan", 0.55, MID),
    ("diskominfo-sumbar", "government", "13", "Diskominfo Provinsi Sumatera Barat", 0.6, MID),
    ("diskominfo-lampung", "government", "18", "Diskominfo Provinsi Lampung", 0.5, SLOW),
    ("diskominfo-dki", "government", "31", "Diskominfotik Provinsi DKI Jakarta", 0.75, FAST),
    ("diskominfo-jabar", "government", "32", "Diskominfo Provinsi Jawa Barat", 0.85, FAST),
    ("diskominfo-kota-bandung", "government", "32.73", "Diskominfo Kota Bandung", 0.6, MID),
    ("kim-garut", "kim", "32.05", "KIM Kabupaten Garut", 0.55, MID),
    ("diskominfo-jateng", "government", "33", "Diskominfo Provinsi Jawa Tengah", 0.85, FAST),
    ("pemkot-surakarta", "government", "33.72", "Pemerintah Kota Surakarta", 0.7, MID),
    ("kim-klaten", "kim", "33.10", "KIM Kabupaten Klaten", 0.5, SLOW),
    ("humas-pdam-semarang", "government", "33.74", "PDAM Kota Semarang", 0.0, FAST),
    ("diskominfo-diy", "government", "34", "Diskominfo DI Yogyakarta", 0.7, MID),
    ("kim-sleman", "kim", "34.04", "KIM Kabupaten Sleman", 0.8, FAST),
    ("kim-bantul", "kim", "34.02", "KIM Kabupaten Bantul", 0.6, MID),
    ("diskominfo-jatim", "government", "35", "Diskominfo Provinsi Jawa Timur", 0.9, FAST),
    ("diskominfo-kota-malang", "government", "35.73", "Diskominfo Kota Malang", 0.75, FAST),
    ("humas-polres-malang", "government", "35.07", "Humas Polres Malang", 0.6, MID),
    ("kim-sidoarjo", "kim", "35.15", "KIM Kabupaten Sidoarjo", 0.5, MID),
    ("diskominfo-banten", "government", "36", "Diskominfo Provinsi Banten", 0.6, MID),
    ("diskominfo-tangsel", "government", "36.74", "Diskominfo Kota Tangerang Selatan", 0.6, MID),
    ("diskominfo-bali", "government", "51", "Diskominfos Provinsi Bali", 0.65, MID),
    ("diskominfo-ntb", "government", "52", "Diskominfotik Provinsi NTB", 0.5, SLOW),
    ("diskominfo-ntt", "government", "53", "Diskominfo Provinsi NTT", 0.5, SLOW),
    ("kim-sikka", "kim", "53.07", "KIM Kabupaten Sikka", 0.6, MID),
    ("diskominfo-kaltim", "government", "64", "Diskominfo Provinsi Kalimantan Timur", 0.55, MID),
    ("diskominfo-sulsel", "government", "73", "Diskominfo Provinsi Sulawesi Selatan", 0.55, SLOW),
    ("diskominfo-makassar", "government", "73.71", "Diskominfo Kota Makassar", 0.6, MID),
    ("diskominfo-kab-jayapura", "government", "91.03", "Diskominfo Kabupaten Jayapura", 0.45, SLOW),
]:
    kind = "kim" if plat == "kim" else "gov"
    S(src, plat, home, official=True, display=disp, p_respond=p, lags=lags, kind=kind,
      desc=("Kelompok Informasi Masyarakat (KIM), akun resmi" if plat == "kim" else "Akun resmi pemerintah daerah/instansi") + f": {disp}")
S("bmkg-info-gempa", "government", "", official=True, display="BMKG", kind="national", chatter=False,
  desc="Kanal resmi informasi gempa dan peringatan dini (nasional)")
S("komdigi-ais", "government", "", official=True, display="Tim AIS Kementerian Komunikasi dan Digital", kind="national", chatter=False,
  desc="Kanal resmi klarifikasi hoaks tingkat nasional")

SRC = {s.source: s for s in SOURCES}

PORTALS = {
    "wartapantura": dict(name="Warta Pantura", domain="wartapantura.example.id", provs=["33", "34", "35"], datefmt="id",
                         tagline="Kabar Jawa Tengah, Jogja dan Jawa Timur"),
    "kabartimur": dict(name="Kabar Timur Nusantara", domain="kabartimur.example.id",
                       provs=["51", "52", "53", "64", "71", "73", "81", "91", "94", "95"], datefmt="rfc",
                       tagline="Berita Bali, Nusa Tenggara, Kalimantan, Sulawesi, Maluku dan Papua"),
    "sumateraterkini": dict(name="Sumatera Terkini", domain="sumateraterkini.example.id", provs=["11", "12", "13", "14", "16", "18"],
                            datefmt="rfc", tagline="Berita terkini dari Aceh sampai Lampung"),
    "metropriangan": dict(name="Metro Priangan", domain="metropriangan.example.id", provs=["31", "32", "36"], datefmt="rfc",
                          iso_day=8, tagline="Berita Jakarta, Jawa Barat dan Banten"),
}
FACTCHECK_SOURCE = "factcheck-cekhoaks"
FC_DOMAIN = "cekhoaks.example.id"

# =============================================================================================
# Invented names (combinations of common given names; they refer to no one)
# =============================================================================================
FIRST = {
    "jawa": (["Agus", "Budi", "Eko", "Joko", "Slamet", "Bambang", "Teguh", "Wahyu", "Dimas", "Yoga", "Hari", "Darto", "Sigit", "Purnomo"],
             ["Sri", "Siti", "Dewi", "Lestari", "Wulan", "Ningsih", "Tari", "Endang", "Yuni", "Ratna", "Asih", "Rini", "Sumi"]),
    "sunda": (["Asep", "Dadang", "Ujang", "Cecep", "Iwan", "Deden", "Yayan", "Rudi", "Jajang"],
              ["Euis", "Neneng", "Iis", "Cucu", "Rina", "Yanti", "Imas", "Lilis", "Nining"]),
    "betawi": (["Rizki", "Fajar", "Andi", "Bayu", "Rahmat", "Irfan", "Dani", "Hendra"],
               ["Nur", "Fitri", "Indah", "Ayu", "Mega", "Rahma", "Dina", "Tika"]),
    "sumatra": (["Rudi", "Hendra", "Fikri", "Zulkifli", "Irwan", "Rahmat", "Yusuf", "Fadli", "Arman", "Doni"],
                ["Rina", "Yusnita", "Mutia", "Novi", "Sari", "Dewi", "Yanti", "Rosmawati", "Fitri"]),
    "bali": (["Made", "Ketut", "Nyoman", "Putu", "Komang", "Wayan", "Gede", "Kadek"],
             ["Luh", "Putu", "Komang", "Kadek", "Ayu", "Dewi", "Sari"]),
    "sasak": (["Lalu", "Zainul", "Hamdi", "Ahmad", "Sahnan"], ["Baiq", "Nurul", "Sahnun", "Hartini"]),
    "timur": (["Yance", "Markus", "Petrus", "Yohanes", "Frans", "Nus", "Obet", "Herman", "Agus", "Stevi"],
              ["Maria", "Yuliana", "Theresia", "Ance", "Nona", "Yosi", "Martha", "Sofia", "Mince"]),
    "bugis": (["Andi", "Rahman", "Syamsul", "Irwan", "Basri", "Ridwan", "Ilham", "Sultan"],
              ["Hasna", "Nurhayati", "Rosmini", "Hadijah", "Rahmi", "Asmawati"]),
    "kaltim": (["Rahmat", "Hendra", "Ardi", "Syahrul", "Agus", "Fajar"], ["Nur", "Rina", "Siti", "Eka", "Devi"]),
}
LAST = {
    "jawa": ["Saputra", "Wibowo", "Santoso", "Nugroho", "Prasetyo", "Wulandari", "Rahayu", "Kurniawan", "Setiawan"],
    "sunda": ["Hidayat", "Permana", "Sudrajat", "Kurnia", "Suryana", "Rahmawati", "Nurjanah"],
    "betawi": ["Pratama", "Ramadhan", "Maulana", "Syahputra", "Hakim", "Safitri"],
    "sumatra": ["Siregar", "Nasution", "Lubis", "Harahap", "Tanjung", "Ginting", "Sembiring", "Putra", "Chaniago", "Piliang"],
    "bali": ["Artawan", "Suardana", "Wirawan", "Astuti", "Pradnyani", "Sudarma"],
    "sasak": ["Hamdani", "Fauzi", "Zohri", "Wardani"],
    "timur": ["Lado", "Bria", "Seran", "Tefa", "Latuheru", "Tuhumury", "Rumbewas", "Wanimbo", "Sawaki", "Nahak"],
    "bugis": ["Syarif", "Amiruddin", "Hamzah", "Mappa", "Rusli", "Nurdin"],
    "kaltim": ["Saputra", "Ramadhani", "Pratama", "Wijaya", "Hakim"],
}
HONOR = {
    "jawa": (["Pak", "Mas", "Mbah", "Cak"], ["Bu", "Mbak", "Bude"]),
    "sunda": (["Kang", "Pak", "Aa", "Mang"], ["Teh", "Bu", "Ceu"]),
    "betawi": (["Bang", "Pak", "Kak"], ["Mpok", "Bu", "Kak"]),
    "sumatra": (["Bang", "Pak", "Uda", "Wak"], ["Kak", "Bu", "Uni"]),
    "bali": (["Bli", "Pak", "Bapak"], ["Mbok", "Bu"]),
    "sasak": (["Pak", "Mamiq", "Bang"], ["Bu", "Inaq"]),
    "timur": (["Kaka", "Om", "Bapa", "Bung"], ["Mama", "Kaka", "Usi", "Nona"]),
    "bugis": (["Daeng", "Pak", "Kak"], ["Bu", "Kak", "Daeng"]),
    "kaltim": (["Pak", "Bang", "Kak"], ["Bu", "Kak"]),
}
TAIL_WA = ["", "", "", " RT 05", " RT 03", " 🌸", " (Ketua RT)", " Ojol", " Jualan Kue", " 🙏", " Guru", " Blok C", " Bendahara", " 😊"]


def flavor(code: str) -> str:
    p = prov_of(code) if code else "31"
    return {"33": "jawa", "34": "jawa", "35": "jawa", "32": "sunda", "36": "sunda", "31": "betawi", "51": "bali", "52": "sasak",
            "53": "timur", "81": "timur", "91": "timur", "94": "timur", "95": "timur", "71": "timur", "73": "bugis",
            "64": "kaltim", "61": "kaltim"}.get(p, "sumatra")


def person(code: str):
    fl = flavor(code)
    male = rng.random() < 0.5
    first = rng.choice(FIRST[fl][0 if male else 1])
    return fl, male, first, rng.choice(LAST[fl])


def make_author(src: Src) -> str:
    code = src.home or rng.choice(list(REG))
    fl, male, first, last = person(code)
    if src.platform == "whatsapp":
        hon = rng.choice(HONOR[fl][0 if male else 1])
        return f"{hon} {first}{rng.choice(TAIL_WA)}" if rng.random() < 0.75 else f"{first} {last}{rng.choice(['', '', ' 🌻', ' ✨'])}"
    if src.platform == "facebook":
        return rng.choice([f"{first} {last}", f"{first} {last}", f"{first} {last[0]}.", f"{first} {last} II", f"{first} {last} {rng.choice(['🌸', 'Official', 'Shop', ''])}".rstrip()])
    if src.platform in ("instagram", "x"):
        sep = rng.choice(["_", "", ".", "__"])
        tail = rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1985, 2006)), "_id", "_real", "x"])
        h = f"{first.lower()}{sep}{last.lower()}{tail}" if rng.random() < 0.6 else f"{rng.choice(['si', 'mas', 'kak', 'bang', 'mbak', 'the'])}{first.lower()}{tail}"
        h = re.sub(r"[^a-z0-9_.]", "", h)
        return "@" + h[:15]
    if src.platform == "telegram":
        return rng.choice([f"{first} {last}", f"@{first.lower()}{rng.randint(10, 999)}"])
    return src.display or src.source


def pick_author(src: Src) -> str:
    if src.official:
        return src.display
    if src.platform == "telegram" and src.display and rng.random() < 0.55:
        return src.display
    if not src.authors:
        n = {"whatsapp": 14, "facebook": 22, "instagram": 18, "x": 40, "telegram": 10}.get(src.platform, 10)
        seen = set()
        while len(src.authors) < n:
            a = make_author(src)
            if a not in seen:
                seen.add(a)
                src.authors.append(a)
    # a few very active accounts post most of the time
    k = len(src.authors)
    idx = min(int(rng.paretovariate(1.2)) - 1, k - 1)
    return src.authors[idx] if rng.random() < 0.5 else rng.choice(src.authors)


# =============================================================================================
# Narratives. 16 hoax narratives + 3 genuine (non-hoax) ones that look similar on the surface.
# Each has paraphrase templates in several registers: formal, slang, wa (WhatsApp forward), en
# (English-mixed), jv (Javanese-flavoured), su (Sundanese-flavoured), long (800+ char forward).
# =============================================================================================
def curve_active(total, start=0, trend=0.0):
    w = [0.0] * start + [1.0 + trend * (d - start) for d in range(start, NDAYS)]
    s = sum(w)
    return [total * x / s for x in w]


def curve_fading(total, peak=1, tau=2.6, start=0):
    w = []
    for d in range(NDAYS):
        if d < start:
            w.append(0.0)
        elif d < peak:
            w.append(0.55 + 0.45 * (d - start) / max(1, peak - start))
        else:
            w.append(math.exp(-(d - peak) / tau))
    s = sum(w)
    return [total * x / s for x in w]


NARR: dict[str, dict] = {}


def narrative(key, **kw):
    kw.setdefault("hoax", True)
    kw.setdefault("x_src", "x-search-hoaks")
    kw.setdefault("news", [])
    NARR[key] = kw


# ---------------------------------------------------------------------------------------------
LONG_VAKSIN = ("*MOHON DIBACA SAMPAI HABIS* 🙏\n\nAssalamualaikum bapak ibu wali murid. Saya mau berbagi info dari saudara saya "
               "yang kerja di bagian gudang farmasi (nama tidak bisa disebut). Katanya {vaksin} yang akan disuntikkan ke anak-anak "
               "SD bulan ini bukan vaksin biasa. Di dalam cairannya ada {chip} berukuran sangat kecil yang bisa terhubung ke sinyal 5G, "
               "tujuannya untuk mendata dan melacak anak-anak kita sampai dewasa.\n\nBuktinya sudah ada {n} anak di {place} yang "
               "{efek} setelah disuntik, tapi beritanya tidak dimuat di TV karena ditutup-tutupi. Kenapa program ini gratis dan "
               "dipaksakan? Kenapa orang tua tidak boleh ikut masuk ke kelas waktu penyuntikan? Coba pikir sendiri.\n\nSaran saya:\n"
               "1. Jangan tanda tangani surat persetujuan dari sekolah.\n2. Hari penyuntikan anak diizinkan tidak masuk dulu.\n"
               "3. Kalau sudah terlanjur, kompres dan beri air kelapa muda supaya racunnya keluar.\n\nSaya hanya mengingatkan, "
               "keputusan di tangan masing-masing. Lebih baik mencegah daripada menyesal. Tolong sebarkan ke grup wali murid yang "
               "lain, jangan berhenti di Bapak/Ibu 🙏🙏\n\n_Diteruskan dari grup sebelah_")
narrative(
    "vaksin-microchip", title="Vaksin imunisasi sekolah disebut berisi microchip pelacak dan bikin anak lumpuh",
    topic="kesehatan-vaksin", dynamics="fading", daily=curve_fading(70, peak=1, tau=2.4),
    regions=[("11.71", 3, 0), ("11.73", 2, 1), ("13.71", 3, 0), ("13.75", 1, 2), ("32.05", 3, 0), ("32.06", 2, 1),
             ("32.03", 1, 2), ("36.01", 2, 1), ("36.73", 1, 2), ("73.71", 2, 1), ("73.06", 2, 2), ("12.71", 2, 1),
             ("35.07", 1, 3), ("14.71", 1, 3)],
    platforms={"whatsapp": 5, "facebook": 3, "x": 1, "instagram": 1, "telegram": 1},
    slots=dict(vaksin=["vaksin MR", "vaksin campak-rubella", "imunisasi BIAS", "vaksin HPV", "vaksin DT", "suntikan imunisasi sekolah"],
               efek=["lumpuh", "kejang-kejang", "demam tinggi lalu lumpuh", "mandul", "autis", "pingsan massal"],
               n=lambda r: str(rng.randint(3, 47)), chip=["microchip", "chip nano", "mikrocip", "chip pelacak", "nanochip"]),
    templates=[
        ("formal", "Beredar informasi bahwa {vaksin} yang diberikan di sekolah-sekolah {place} mengandung {chip} untuk melacak anak-anak. Orang tua diminta menolak imunisasi tersebut sampai ada penjelasan."),
        ("formal", "Sejumlah wali murid di {place} menolak {vaksin} setelah muncul kabar bahwa vaksin tersebut berisi {chip} dan menyebabkan {n} siswa {efek}."),
        ("slang", "Hati2 para ortu!! {vaksin} di sekolah itu ada {chip}-nya, buat ngelacak & ngumpulin data anak kita. Udah {n} anak di {place} yg {efek} abis disuntik 😡"),
        ("wa", "*PENTING UTK ORANG TUA* Jangan izinkan anak ikut {vaksin} minggu ini!! Isinya {chip} dari luar negeri. Kata kenalan saya yg perawat, sdh {n} siswa di {place} {efek}. Sebarkan ke grup wali murid!"),
        ("slang", "gw sih ogah anak gw disuntik {vaksin}, katanya ada {chip} yg bisa dilacak pake sinyal 5G 😤 anak temen di {place} {efek} abis vaksin"),
        ("en", "Guys please be aware, {vaksin} program di SD {place} katanya contains {chip} for tracking. Mending skip dulu deh, better safe than sorry 🙏"),
        ("jv", "Lur, ati-ati {vaksin} neng sekolahan {place}, jarene ana {chip}-e. Anake tanggaku {efek} bar disuntik. Ojo gelem yo."),
        ("su", "Punten ibu-ibu, cenah {vaksin} di SD {place} teh aya {chip}-na. Tong waka dibikeun ka barudak, sieun {efek}."),
        ("formal", "Ada video dokter luar negeri yang menyebut {vaksin} berisi {chip} graphene untuk mengendalikan anak. Wajib ditonton sebelum anak Anda disuntik di sekolah {place}."),
        ("slang", "Knp {vaksin} dipaksain ke anak SD?? Krn ada {chip} yg ditanam. Ini agenda global. {n} anak di {place} udh {efek}. Buka mata!!"),
        ("slang", "Info dr grup sebelah: petugas puskesmas {place} bawa {vaksin} yg katanya ada {chip}-nya, makanya banyak wali murid yg nolak. Bener gak sih?"),
        ("wa", "⚠️ WASPADA ⚠️\nSuntik {vaksin} di sekolah = pemasangan {chip}!!\nSetelah disuntik anak bisa {efek}. Di {place} sudah {n} korban tapi ditutupi.\nTOLAK dengan sopan, jangan tanda tangan surat persetujuan.\nDiteruskan dari grup sebelah 🙏"),
        ("long", LONG_VAKSIN),
    ],
    topics=["vaksin sekolah ada microchip-nya", "isu chip di vaksin MR", "anak lumpuh habis imunisasi BIAS"],
    clar_title="Isu Vaksin Imunisasi Sekolah Mengandung Microchip di {city}",
    clar_claims=["{vaksin} di sekolah mengandung microchip dan menyebabkan anak {efek}", "vaksin imunisasi anak sekolah berisi chip pelacak"],
    facts=["Vaksin yang digunakan dalam program imunisasi sekolah telah mendapat izin edar BPOM dan tidak mengandung microchip atau perangkat elektronik apa pun",
           "Dinas Kesehatan tidak menemukan kasus lumpuh atau kejadian ikutan pasca-imunisasi berat di sekolah-sekolah wilayah ini",
           "Reaksi yang umum terjadi hanya ringan, seperti demam atau nyeri di bekas suntikan, dan hilang dalam 1-2 hari"],
    counter="Imunisasi di sekolah aman dan melindungi anak dari campak dan rubela. Jika ragu, tanyakan langsung ke puskesmas terdekat, bukan ke grup WhatsApp.",
    fc_expl=["Klaim tersebut tidak benar. Tidak ada microchip yang dapat melewati jarum suntik vaksin sekaligus berfungsi dan terhubung ke jaringan seluler tanpa sumber daya.",
             "Vaksin MR dan vaksin lain dalam Bulan Imunisasi Anak Sekolah (BIAS) sudah digunakan bertahun-tahun dan memiliki izin edar. Dinas kesehatan setempat juga tidak menemukan laporan anak lumpuh yang berkaitan dengan imunisasi."],
    news=[("Dinkes {city} Tegaskan Vaksin BIAS Tidak Mengandung Microchip",
           ["Dinas Kesehatan {city_formal} menegaskan vaksin yang diberikan dalam Bulan Imunisasi Anak Sekolah (BIAS) tidak mengandung microchip, menanggapi pesan berantai yang membuat sebagian wali murid menolak imunisasi.",
            "Pesan yang beredar menyebut {claim}. \"Itu tidak benar. {fact},\" kata Kepala Dinas Kesehatan {city_formal} saat dikonfirmasi.",
            "Ia meminta orang tua tetap membawa anaknya mengikuti imunisasi. {counter}"])],
)

# ---------------------------------------------------------------------------------------------
SEGMEN = {"11": "Aceh-Andaman", "13": "Mentawai-Siberut", "18": "Selat Sunda", "36": "Selat Sunda", "32": "selatan Jawa Barat",
          "33": "selatan Jawa", "34": "selatan Jawa", "35": "selatan Jawa Timur", "51": "selatan Bali", "52": "selatan Lombok-Sumbawa",
          "53": "Laut Sawu", "81": "Laut Banda", "91": "utara Papua"}
LONG_MEGA = ("*INFO PENTING DARI BMKG (mohon dibaca sampai habis)* ⚠️⚠️⚠️\n\nBerdasarkan hasil pemantauan satelit dan alat seismograf, "
             "BMKG memperkirakan zona megathrust {segmen} akan melepaskan energi pada {tgl} {jam}. Kekuatan gempa diperkirakan M{mag} "
             "dengan kedalaman dangkal sehingga sangat berpotensi tsunami. Ketinggian gelombang di pesisir {place} bisa mencapai {tinggi} "
             "dan tiba kurang dari 20 menit setelah gempa.\n\nHal-hal yang harus dilakukan SEKARANG:\n1. Siapkan tas siaga bencana "
             "(dokumen penting, senter, obat-obatan, air minum, makanan kering).\n2. Isi penuh bensin kendaraan dan daya ponsel sejak "
             "tanggal 27.\n3. Warga yang tinggal kurang dari 5 km dari pantai sebaiknya mengungsi ke rumah kerabat di dataran tinggi "
             "paling lambat sehari sebelumnya.\n4. Jangan menunggu sirene, karena sirene bisa rusak saat gempa.\n\nInformasi ini sengaja "
             "tidak diumumkan di TV supaya tidak terjadi kepanikan massal, tapi sudah disampaikan ke pejabat-pejabat daerah. Lebih baik "
             "waspada daripada menyesal. Mohon diteruskan ke keluarga, terutama yang tinggal di pesisir 🙏🙏🙏\n\n(dari grup relawan sebelah)")
narrative(
    "bmkg-megathrust", title="BMKG disebut memprediksi gempa megathrust dan tsunami pada 28 November 2026",
    topic="bencana-gempa", dynamics="emerging", daily=[0] * 13 + [9, 30, 70], x_src="x-search-bmkg",
    regions=[("34.02", 4, 0), ("34.71", 2, 1), ("36.01", 4, 0), ("36.02", 2, 1), ("13.71", 4, 0), ("11.71", 2, 1),
             ("18.01", 2, 1), ("18.71", 2, 0), ("35.07", 3, 0), ("35.10", 2, 1), ("35.09", 2, 1), ("51.03", 2, 1),
             ("51.71", 1, 2), ("52.02", 2, 1), ("53.71", 2, 1), ("81.71", 2, 1), ("91.71", 1, 2), ("32.05", 1, 2), ("32.06", 1, 2)],
    platforms={"whatsapp": 5, "facebook": 3, "x": 3, "telegram": 1, "instagram": 1},
    slots=dict(mag=["8,9", "8,7", "9,1", "8,8", "9,0"], tinggi=["20 meter", "34 meter", "15-20 meter", "lebih dari 25 meter", "30 meter"],
               tgl=["Sabtu, 28 November 2026", "tanggal 28 November", "tgl 28 Nov", "28/11", "Sabtu tgl 28 nanti", "tgl 28 akhir bulan ini"],
               jam=["pukul 02.15 dini hari", "jam 3 pagi", "sekitar pukul 01.30", "menjelang subuh"],
               segmen=lambda r: SEGMEN.get(prov_of(r), "selatan Jawa")),
    templates=[
        ("formal", "BMKG memprediksi gempa megathrust berkekuatan M {mag} akan terjadi pada {tgl} dan berpotensi memicu tsunami setinggi {tinggi} di pesisir {place}. Warga diminta mengungsi sebelum tanggal tersebut."),
        ("wa", "⚠️⚠️ *INFO BMKG* ⚠️⚠️\nGempa MEGATHRUST M{mag} diprediksi terjadi {tgl} {jam}. Tsunami {tinggi} bisa sampai pesisir {place} dalam 20 menit. Siapkan tas siaga & mengungsi ke dataran tinggi!!\nSEBARKAN 🙏🙏"),
        ("slang", "serem bgt, katanya BMKG udah ngumumin megathrust {tgl}, tsunaminya bisa {tinggi}. warga {place} pada siap2 ngungsi nih 😭😭"),
        ("slang", "Ada yg tau bener gak BMKG prediksi gempa M{mag} {tgl}? Keluarga di {place} udah pada panik mau ngungsi"),
        ("en", "BMKG reportedly warned a megathrust quake M{mag} on {tgl}, tsunami up to {tinggi}. Stay safe semua yg di pesisir {place} 🙏 #megathrust #tsunami"),
        ("jv", "Dulur-dulur {place}, jarene BMKG ngumumke lindu megathrust {tgl}, banyu segara iso munggah {tinggi}. Siap-siap ngungsi neng panggonan sing dhuwur yo."),
        ("formal", "Peta zona merah tsunami {tgl} versi BMKG sudah beredar. {place} termasuk wilayah yang diperkirakan tersapu gelombang. Segera amankan dokumen dan surat berharga."),
        ("formal", "Seorang ahli gempa disebut membocorkan bahwa siklus megathrust {segmen} jatuh pada {tgl}. Nelayan di {place} dilarang melaut mulai sehari sebelumnya."),
        ("slang", "Sekolah2 di {place} katanya mau diliburin tgl 28 gara2 prediksi megathrust dr BMKG. Ada yg udh dapet surat edarannya?"),
        ("wa", "*PERINGATAN DINI* 🌊🌊 Menurut BMKG zona megathrust {segmen} sudah matang dan akan lepas {tgl} {jam}. Kekuatan M{mag}, tsunami {tinggi}. Warga {place} yg tinggal < 5 km dari pantai WAJIB mengungsi. Jangan anggap remeh!!"),
        ("slang", "ya Allah semoga gak bener. BMKG bilang megathrust M{mag} {tgl}, {place} kena tsunami {tinggi} 😢 udah beli tas siaga tadi"),
        ("formal", "Warga pesisir {place} mulai mengemasi barang setelah beredar pesan bahwa BMKG menetapkan {tgl} sebagai hari terjadinya gempa megathrust M{mag}."),
        ("su", "Wargi {place}, cenah BMKG ngumumkeun lini megathrust {tgl}, tsunami nepi ka {tinggi}. Kedah siap-siap ngungsi ka tempat nu luhur."),
        ("long", LONG_MEGA),
    ],
    topics=["megathrust tgl 28", "prediksi gempa BMKG tanggal 28", "tsunami tgl 28 November"],
    clar_title="Prediksi Gempa Megathrust dan Tsunami pada 28 November 2026",
    clar_claims=["BMKG memprediksi gempa megathrust dan tsunami pada 28 November 2026", "akan terjadi gempa megathrust M{mag} disertai tsunami {tinggi} pada tanggal 28 November"],
    facts=["BMKG menegaskan hingga saat ini belum ada teknologi yang dapat memprediksi gempa bumi secara tepat kapan, di mana, dan berapa kekuatannya",
           "Kajian potensi megathrust adalah skenario terburuk untuk mitigasi, bukan ramalan waktu kejadian",
           "BMKG tidak pernah mengeluarkan surat edaran atau peringatan terkait tanggal 28 November"],
    counter="Tetap tenang dan tidak perlu mengungsi. Pantau informasi gempa hanya dari kanal resmi BMKG dan BPBD, serta kenali jalur evakuasi di lingkungan masing-masing.",
    fc_expl=["BMKG melalui kanal resminya menyatakan tidak pernah merilis prediksi gempa pada tanggal tertentu. Gempa bumi hingga kini tidak dapat diprediksi waktu, lokasi, dan kekuatannya secara tepat oleh lembaga mana pun.",
             "Angka M8,7 sampai M9,1 yang kerap disebut merupakan potensi maksimum hasil kajian untuk perencanaan mitigasi, bukan ramalan. Peta yang beredar adalah peta kajian bahaya tsunami lama yang diberi tambahan tulisan tanggal."],
    news=[("BMKG: Gempa Tidak Bisa Diprediksi, Pesan Berantai Megathrust 28 November Hoaks",
           ["Pesan berantai yang menyebut {claim} membuat warga pesisir {city_formal} resah sejak akhir pekan.",
            "Kepala stasiun geofisika setempat menegaskan pesan tersebut hoaks. \"{fact},\" ujarnya.",
            "BPBD {city_formal} mengimbau warga tidak mengungsi karena pesan berantai. {counter}"]),
          ("Warga Pesisir {city} Sempat Panik Isu Tsunami, BPBD Turun Beri Penjelasan",
           ["Sejumlah warga di pesisir {city_formal} sempat mengemasi barang setelah menerima pesan yang mengklaim {claim}.",
            "Petugas BPBD mendatangi permukiman nelayan untuk memberi penjelasan. {fact}.",
            "\"{counter}\" kata petugas BPBD di lokasi."])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "kpu-surat-suara", title="Surat suara sudah tercoblos disebut ditemukan di gudang logistik KPU",
    topic="pemilu", dynamics="active", daily=curve_active(60, start=1), x_src="x-search-pemilu",
    regions=[("12.71", 3, 0), ("12.07", 2, 1), ("32.73", 2, 2), ("32.75", 2, 2), ("73.71", 3, 0), ("73.08", 1, 3),
             ("91.71", 2, 2), ("53.71", 1, 4), ("31.75", 2, 1), ("35.78", 1, 5), ("16.71", 1, 3), ("94.01", 1, 6)],
    platforms={"x": 4, "facebook": 4, "whatsapp": 3, "telegram": 1},
    slots=dict(jumlah=["ribuan lembar", "lima karung", "puluhan ribu lembar", "satu truk", "belasan kotak"],
               calon=["calon tertentu", "salah satu paslon", "partai penguasa", "calon titipan"],
               pemilu=["pemilu 2029", "pilkada ulang", "pemilu berikutnya", "PSU bulan depan"]),
    templates=[
        ("formal", "Beredar video yang memperlihatkan {jumlah} surat suara yang sudah tercoblos ditemukan di gudang logistik KPU {place}. Surat suara itu disebut disiapkan untuk memenangkan {calon} pada {pemilu}."),
        ("slang", "Gila ya, surat suara udh dicoblos duluan!! {jumlah} ketemu di gudang KPU {place}. Percuma kita nyoblos kalo gini caranya 😤 #KPUCurang"),
        ("slang", "Ini video gudang KPU {place}, keliatan jelas surat suara udah tercoblos semua. Kok bisa sih?? Buat {pemilu} udah diatur dari sekarang"),
        ("wa", "*VIRAL!!* Warga grebek gudang KPU {place}, temukan {jumlah} SURAT SUARA SUDAH TERCOBLOS untuk {calon}. Video sdh dihapus di mana2, simpan & sebarkan sebelum hilang!! 🔥🔥"),
        ("en", "Wow, {jumlah} pre-marked ballots found in KPU warehouse {place}?? Kalo bener ini massive fraud. Need clarification ASAP #pemilu"),
        ("formal", "Sejumlah akun media sosial menyebarkan foto kotak berisi surat suara tercoblos yang diklaim berada di kantor KPU {place}. Pengunggah menyebut surat suara itu untuk {pemilu}."),
        ("slang", "udh gw duga, {pemilu} bakal curang lagi. surat suara tercoblos ketemu di gudang KPU {place}, {jumlah}! rakyat cuma jadi penonton"),
        ("slang", "Tolong yg di {place} cek dong, katanya ada {jumlah} surat suara udh dicoblos di gudang KPU situ. Videonya rame di tiktok"),
        ("formal", "Relawan pemantau mengaku menemukan {jumlah} surat suara tercoblos di gudang logistik KPU {place} dan meminta Bawaslu segera menyegel gudang tersebut."),
        ("wa", "Assalamualaikum, info dari kawan di {place}: malam tadi ada truk keluar-masuk gudang KPU bawa {jumlah} surat suara yg SUDAH DICOBLOS. Mohon warga kawal! Sebarkan!"),
        ("su", "Wargi {place}, cenah di gudang KPU aya {jumlah} surat suara nu tos dicoblos. Ieu kumaha atuh, urang kedah ngawal!"),
    ],
    topics=["surat suara tercoblos di gudang KPU", "video gudang KPU itu", "surat suara udah dicoblos"],
    clar_title="Surat Suara Tercoblos di Gudang KPU {city}",
    clar_claims=["ditemukan surat suara sudah tercoblos di gudang logistik KPU {city}", "KPU menyiapkan surat suara tercoblos untuk {pemilu}"],
    facts=["KPU setempat memastikan saat ini tidak ada pencetakan maupun penyimpanan surat suara karena tidak ada tahapan pemungutan suara yang berjalan",
           "Video yang beredar merupakan rekaman lama kegiatan penyortiran dan pemusnahan surat suara rusak yang disaksikan Bawaslu dan kepolisian",
           "Gudang logistik KPU dijaga dan setiap pembukaan gudang dilakukan dengan berita acara"],
    counter="Jangan mudah terprovokasi video tanpa keterangan waktu dan tempat. Laporkan dugaan pelanggaran pemilu ke Bawaslu melalui kanal resmi.",
    fc_expl=["Video tersebut merupakan rekaman kegiatan pemusnahan surat suara sisa dan rusak yang dilakukan KPU bersama Bawaslu setelah pemilihan sebelumnya. Surat suara yang terlihat berlubang adalah surat suara yang sengaja dilubangi sebagai tanda tidak terpakai.",
             "Saat ini tidak ada tahapan pemilu yang membutuhkan pencetakan surat suara, sehingga klaim bahwa surat suara disiapkan untuk pemilihan mendatang tidak berdasar."],
    news=[("KPU {city} Bantah Temukan Surat Suara Tercoblos, Video Viral Ternyata Rekaman Lama",
           ["KPU {city_formal} membantah kabar yang menyebut {claim}.",
            "Komisioner KPU setempat menjelaskan, {fact}. Pihaknya juga telah berkoordinasi dengan Bawaslu.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "bansos-link", title="Link pendaftaran bansos/BLT akhir tahun palsu mengatasnamakan Kemensos",
    topic="penipuan-bansos", dynamics="active", daily=curve_active(80, start=0), x_src="x-search-bansos",
    regions=[("32.05", 3, 0), ("32.06", 2, 0), ("32.03", 2, 1), ("32.75", 2, 1), ("36.03", 2, 2), ("36.01", 2, 1), ("36.73", 1, 2),
             ("33.10", 2, 1), ("33.02", 2, 3), ("33.09", 1, 3), ("18.71", 2, 2), ("18.01", 2, 2), ("52.03", 2, 3), ("52.71", 1, 3),
             ("16.71", 2, 2), ("12.71", 1, 4), ("35.71", 1, 4), ("73.71", 1, 5), ("35.09", 2, 3)],
    platforms={"whatsapp": 6, "facebook": 4, "telegram": 1, "x": 1, "instagram": 1},
    slots=dict(program=["BLT Kesra akhir tahun", "Bansos PKH tahap 4", "Bantuan Subsidi Upah (BSU)", "BLT Dana Desa",
                        "bantuan sembako Natal & Tahun Baru", "Bansos Yatim Piatu"],
               nominal=["Rp600.000", "Rp 1,2 juta", "Rp900 ribu", "Rp2.400.000", "Rp 3,5 juta"],
               link=["https://bansos-kemensos.example/daftar", "http://cek-blt2026.example.id", "https://bit.example/bansos-akhirtahun",
                     "https://pendaftaran-bsu.example/form", "https://kemensos-bantuan.example.id/cek-nik"],
               batas=["30 November", "akhir bulan ini", "3 hari lagi", "tanggal 25"]),
    templates=[
        ("formal", "Pendaftaran {program} sebesar {nominal} telah dibuka. Silakan isi NIK dan nomor KK melalui tautan resmi berikut: {link} . Pendaftaran ditutup {batas}."),
        ("wa", "*INFO BANSOS TERBARU* 💰💰\n{program} {nominal} per KK sudah cair!! Cek nama & daftar di {link}\nKuota terbatas, terakhir {batas}. Bagikan ke keluarga yg belum dapat 🙏"),
        ("slang", "Alhamdulillah barusan daftar {program} {nominal} lewat link ini {link} tinggal isi NIK doang. buruan yg di {place} sebelum ditutup {batas}"),
        ("slang", "Ada yg udah nyoba link {program} ini blm? {link} katanya dapet {nominal}, tetangga di {place} udh pada daftar"),
        ("wa", "Assalamualaikum, kabar gembira utk warga {place} 🙏 Pemerintah membagikan {program} sebesar {nominal}. Syarat: foto KTP, KK, dan selfie. Daftar di {link} sebelum {batas}. Sebarkan ke grup RT!"),
        ("formal", "Kementerian Sosial membuka pendaftaran {program} bagi warga yang belum terdaftar di DTKS. Bantuan {nominal} akan ditransfer langsung ke rekening setelah verifikasi di {link}."),
        ("slang", "Cuma isi form dpt {nominal}?? {program} nih guys, linknya {link} . Jangan lupa masukin PIN ATM buat verifikasi rekening yaa"),
        ("jv", "Monggo sing durung entuk {program}, daftar wae neng {link} . Jare entuk {nominal}, tonggoku neng {place} wis cair."),
        ("su", "Baraya {place}, aya {program} {nominal} ti pamarentah. Daptar di {link} samemeh {batas} nya, bisi beak kuotana."),
        ("en", "Info {program} {nominal} buat yg belum dapet bansos, register here {link} . Deadline {batas}, share ke yg membutuhkan ya 🙏"),
        ("wa", "📢📢 *PENGUMUMAN KEMENSOS* 📢📢\nNIK anda terdaftar sebagai penerima {program} {nominal}. Segera lakukan aktivasi di {link} . Jika tidak aktivasi sebelum {batas}, bantuan dialihkan ke penerima lain."),
    ],
    topics=["link daftar bansos itu", "bansos lewat link", "link BLT yg disebar"],
    clar_title="Link Pendaftaran Bansos Mengatasnamakan Kemensos",
    clar_claims=["pendaftaran {program} dibuka melalui tautan {link}", "warga bisa mendapat bansos {nominal} dengan mengisi data di sebuah tautan"],
    facts=["Kementerian Sosial tidak pernah membuka pendaftaran bansos melalui tautan pesan berantai; pengecekan penerima hanya melalui laman dan aplikasi resmi Kemensos",
           "Tautan yang beredar meminta NIK, KK, foto selfie, hingga PIN rekening yang berpotensi disalahgunakan untuk pinjol dan pembobolan rekening",
           "Usulan penerima bansos dilakukan melalui musyawarah desa/kelurahan dan dinas sosial setempat"],
    counter="Jangan isi data pribadi di tautan tidak resmi. Cek status bansos melalui kantor desa/kelurahan atau dinas sosial, dan laporkan tautan mencurigakan.",
    fc_expl=["Tautan tersebut bukan milik Kementerian Sosial. Domain yang digunakan bukan domain resmi pemerintah dan halaman itu meminta data sensitif seperti NIK, nomor KK, foto selfie dengan KTP, hingga PIN rekening.",
             "Kemensos menyatakan tidak ada pendaftaran bansos melalui tautan yang disebarkan lewat WhatsApp. Penetapan penerima dilakukan berdasarkan data terpadu yang diusulkan melalui desa/kelurahan."],
    news=[("Waspada Link Pendaftaran Bansos Palsu, Dinsos {city} Minta Warga Tak Isi Data",
           ["Dinas Sosial {city_formal} mengingatkan warga agar tidak tergiur pesan berantai yang menyebut {claim}.",
            "Menurut dinas sosial, {fact}. Sejumlah warga dilaporkan sudah mengisi data di tautan tersebut.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "pinjol-ilegal", title="Tawaran pinjaman online ilegal mengaku resmi OJK, cair tanpa jaminan",
    topic="penipuan-pinjol", dynamics="active", daily=curve_active(60, start=0), x_src="x-search-bansos",
    regions=[("32.73", 3, 0), ("32.75", 3, 0), ("32.76", 2, 1), ("36.71", 2, 1), ("36.74", 2, 2), ("31.74", 2, 0), ("31.75", 2, 1),
             ("35.78", 2, 2), ("35.15", 1, 3), ("12.71", 2, 2), ("14.71", 1, 3), ("64.72", 1, 4), ("64.71", 1, 5), ("33.74", 1, 3),
             ("73.71", 1, 5)],
    platforms={"facebook": 4, "whatsapp": 3, "instagram": 2, "x": 2, "telegram": 2},
    slots=dict(app=["DanaKilat", "CairCepat88", "PinjamAja Pro", "UangSahabat", "KreditKita Express", "Dompet Rakyat"],
               limit=["5 juta", "20 juta", "50 juta", "Rp10.000.000", "100 juta"],
               link=["https://danakilat-ojk.example/apk", "https://cair-cepat.example.id/download", "https://pinjamaja.example/daftar",
                     "https://bit.example/pinjol-resmi"],
               tenor=["12 bulan", "24 bulan", "6 bulan"]),
    templates=[
        ("formal", "Butuh dana cepat? {app} memberikan pinjaman hingga {limit} tanpa jaminan dan tanpa BI checking. Terdaftar dan diawasi OJK. Cukup foto KTP, dana cair dalam 5 menit. Unduh di {link}"),
        ("slang", "Lagi butuh duit? Cobain {app}, gw kemaren cair {limit} cuma modal KTP, bunga 0% 🤑 link: {link}"),
        ("wa", "*PINJAMAN TANPA JAMINAN* 💸\n✅ Limit s/d {limit}\n✅ Bunga 0,1% per bulan\n✅ Tenor {tenor}\n✅ Resmi OJK\n✅ Tanpa survei, cukup KTP\nDaftar sekarang: {link}\nKhusus warga {place} kuota terbatas!"),
        ("slang", "yg di {place} lagi kepepet buat bayar sekolah anak, ada pinjol baru {app} resmi OJK katanya, limit {limit}, cair 5 menit. {link}"),
        ("en", "Need quick cash? {app} approved in 5 minutes, up to {limit}, no collateral, OJK registered 💯 Apply: {link} #pinjamanonline #danacepat"),
        ("formal", "Kabar baik bagi pelaku UMKM di {place}. Program pinjaman modal usaha {app} bekerja sama dengan OJK menyalurkan dana hingga {limit} tanpa agunan. Pendaftaran melalui {link}."),
        ("slang", "Sumpah ini gampang bgt, {app} langsung ACC {limit} padahal gw pernah telat bayar. Tinggal isi data + izinin akses kontak. {link}"),
        ("wa", "Bpk/Ibu yg sedang butuh modal atau terjerat utang, kami dari {app} (resmi OJK) siap bantu tutup pinjol lama Anda s/d {limit}. Proses 1 hari, tanpa jaminan. Info & daftar: {link} 🙏"),
        ("jv", "Sing butuh dana cepet ora usah bingung, {app} iso cair nganti {limit} modal KTP tok. Daftar neng {link} , wis resmi OJK jare."),
        ("slang", "promo akhir tahun! pinjam di {app} sampe {limit}, cicilan {tenor}, bunga 0% bulan pertama. download {link} sblm promonya abis 🔥"),
    ],
    topics=["pinjol {app} itu", "pinjaman {app} yg katanya resmi OJK"],
    clar_title="Pinjaman Online Tanpa Jaminan Mengaku Resmi OJK",
    clar_claims=["{app} merupakan pinjaman resmi terdaftar OJK yang cair tanpa jaminan", "pinjaman {limit} tanpa jaminan bisa diajukan melalui tautan {link} dan diawasi OJK"],
    facts=["Nama aplikasi tersebut tidak tercantum dalam daftar penyelenggara pinjaman daring berizin yang diumumkan OJK",
           "Pinjol ilegal biasanya meminta akses kontak dan galeri ponsel yang kemudian disalahgunakan untuk penagihan dengan teror",
           "OJK tidak pernah menawarkan pinjaman melalui pesan berantai"],
    counter="Sebelum meminjam, cek legalitas penyelenggara melalui kontak resmi OJK. Jangan unduh aplikasi dari tautan pesan berantai dan jangan berikan akses kontak.",
    fc_expl=["Aplikasi yang dipromosikan tidak terdaftar sebagai penyelenggara pinjaman daring berizin. Pencantuman logo OJK dalam promosi tidak menjamin legalitas.",
             "Aplikasi yang diunduh dari tautan tersebut meminta izin akses kontak, galeri, dan lokasi, ciri yang lazim pada pinjol ilegal."],
    news=[("Satgas PASTI Ingatkan Warga {city} Soal Pinjol Ilegal Mengaku Resmi OJK",
           ["Warga {city_formal} diminta waspada terhadap promosi yang menyebut {claim}.",
            "Dalam sosialisasi di kantor kecamatan, petugas menjelaskan bahwa {fact}.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
LONG_CULIK = ("*MOHON PERHATIAN BAPAK/IBU WALI MURID* ⚠️⚠️⚠️\n\nSaya dapat info dari saudara yang kerja di kepolisian (tidak mau "
              "disebut namanya). Saat ini ada sindikat penculik anak yang sedang beroperasi di wilayah {place} dan sekitarnya. "
              "Mereka memakai {mobil}, biasanya berhenti {lokasi} pada jam pulang sekolah.\n\nModus mereka bermacam-macam: {modus}, "
              "ada juga yang pura-pura menanyakan alamat. Anak yang berhasil dibawa katanya {organ}. Minggu ini sudah ada "
              "{korban} yang jadi korban tapi beritanya belum keluar karena masih diselidiki.\n\nTolong:\n- Jemput anak tepat "
              "waktu, jangan biarkan pulang sendiri.\n- Ajari anak jangan mau diajak orang yang tidak dikenal walaupun diberi "
              "jajan.\n- Kalau melihat {mobil} mencurigakan, foto plat nomornya dan lapor ke pos ronda.\n\nJangan berhenti di "
              "Anda, sebarkan ke semua grup keluarga dan sekolah. Lebih baik waspada daripada menyesal 🙏🙏")
narrative(
    "penculikan-anak-van", title="Isu penculikan anak oleh komplotan bermobil van di sekitar sekolah",
    topic="keamanan-penculikan", dynamics="active", daily=curve_active(100, start=0, trend=0.06),
    regions=[("35.73", 4, 0), ("35.07", 3, 0), ("35.15", 3, 1), ("35.78", 3, 2), ("35.71", 2, 3), ("35.09", 2, 4),
             ("33.72", 3, 4), ("33.11", 2, 5), ("33.10", 2, 5), ("34.04", 3, 6), ("34.02", 2, 6), ("34.71", 2, 7),
             ("33.74", 2, 7), ("32.73", 2, 9), ("32.05", 1, 10), ("52.71", 2, 11), ("52.03", 1, 12)],
    platforms={"whatsapp": 6, "facebook": 4, "x": 1, "instagram": 1},
    slots=dict(mobil=["mobil van putih", "minibus putih tanpa plat nomor", "van hitam kaca gelap", "mobil boks putih", "Elf putih", "van abu-abu"],
               modus=["pura-pura jualan mainan", "ngaku disuruh jemput sama orang tuanya", "bagi-bagi permen dan jajan", "nyamar jadi badut",
                      "ngaku petugas kesehatan"],
               korban=["seorang siswi SD", "dua bocah kelas 2", "anak TK", "3 anak", "bocah 7 tahun"],
               organ=["diambil organnya", "ginjalnya diambil", "dijual ke luar negeri", "dijadikan pengemis"],
               lokasi=["depan SD", "dekat masjid", "sepulang ngaji", "di gang sekolah", "pas main di lapangan"]),
    templates=[
        ("formal", "Warga {place} dihebohkan kabar {korban} nyaris diculik oleh orang tak dikenal yang mengendarai {mobil}. Pelaku disebut {modus}. Orang tua diminta mengawasi anak-anaknya."),
        ("wa", "*WASPADA PENCULIKAN ANAK* ⚠️⚠️\nTelah terjadi percobaan penculikan {korban} di {place} {lokasi}. Pelaku pakai {mobil}, modus {modus}. Anak yg diculik {organ}!!\nMohon jemput anak tepat waktu. SEBARKAN ke grup sekolah 🙏"),
        ("slang", "Ya Allah serem bgt, td di {place} ada {mobil} keliling2 sekolah, katanya mau nyulik anak2. Ibu2 jangan lengah yaa jemput anaknya 😭"),
        ("slang", "Bener gak sih ada penculikan anak pake {mobil} di {place}? Di grup wali murid udah rame, anakku jadi takut sekolah"),
        ("jv", "Lur, ati-ati ana {mobil} muter-muter neng {place}, jarene arep nyulik bocah. Modus-e {modus}. Bocah-bocah ojo diculke dolanan dhewe."),
        ("su", "Ibu-ibu {place}, kedah waspada, aya {mobil} nu cenah sok nyulik barudak {lokasi}. Modusna {modus}. Barudak tong diantep ulin nyalira."),
        ("formal", "Pesan berantai menyebut komplotan penculik anak menggunakan {mobil} beraksi di {place}. Korban disebut {organ}. Pesan itu meminta orang tua tidak membiarkan anak pulang sendiri."),
        ("slang", "PENCULIKAN ANAK LAGI MARAK!!! {place} udh ada korban, {korban} dibawa {mobil}, ditemukan udh {organ} 😡😡 tolong jaga anak2 kita"),
        ("en", "Parents in {place} please be careful, ada laporan {mobil} trying to kidnap kids {lokasi}. Modusnya {modus}. Stay alert 🙏"),
        ("wa", "Info dari grup wali murid sebelah: tadi pagi {korban} hampir dibawa orang pakai {mobil} {lokasi} di daerah {place}. Untung ada warga yg teriak. Pelaku kabur. Mohon diteruskan 🙏🙏"),
        ("slang", "Ortu2 di {place} tolong anaknya dijemput ya, lagi rame penculik pake {mobil}, modus {modus}. Mending waspada drpd nyesel"),
        ("long", LONG_CULIK),
    ],
    topics=["penculikan anak pake {mobil}", "isu penculik anak", "mobil van penculik anak"],
    clar_title="Isu Penculikan Anak Bermodus Mobil Van di {city}",
    clar_claims=["terjadi penculikan anak oleh komplotan yang memakai {mobil} di {city}", "ada sindikat penculik anak yang mengambil organ korban di wilayah {city}"],
    facts=["Kepolisian setempat memastikan tidak ada laporan kasus penculikan anak dalam beberapa pekan terakhir",
           "Peristiwa yang sempat dilaporkan warga ternyata salah paham: anak tersebut dijemput kerabatnya sendiri",
           "Foto dan video yang menyertai pesan berantai merupakan kejadian lama di daerah lain"],
    counter="Tetap awasi anak dengan wajar tanpa panik. Jika melihat hal mencurigakan, hubungi layanan darurat polisi atau Bhabinkamtibmas setempat dan jangan main hakim sendiri.",
    fc_expl=["Kepolisian setempat menyatakan tidak menerima laporan penculikan anak seperti yang disebut dalam pesan berantai. Kejadian yang dijadikan dasar pesan ternyata kesalahpahaman antara warga dan kerabat korban yang menjemput.",
             "Foto mobil yang menyertai pesan merupakan foto lama yang pernah beredar dengan narasi serupa di daerah lain. Narasi pengambilan organ tidak didukung bukti apa pun."],
    news=[("Polisi Pastikan Isu Penculikan Anak di {city} Hoaks, Warga Diminta Tak Main Hakim Sendiri",
           ["Kepolisian memastikan kabar yang menyebut {claim} tidak benar.",
            "Kapolsek setempat menjelaskan, {fact}. Polisi juga meningkatkan patroli di sekitar sekolah untuk menenangkan orang tua.",
            "{counter}"]),
          ("Isu Mobil Van Penculik Anak Bikin Resah Wali Murid di {city}",
           ["Sejumlah sekolah dasar di {city_formal} meminta orang tua menjemput anak tepat waktu setelah beredar pesan yang menyebut {claim}.",
            "Pihak sekolah mengaku belum menerima laporan kejadian. {fact}.",
            "Dinas pendidikan setempat mengimbau sekolah tidak ikut menyebarkan pesan berantai. {counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "sara-bentrok", title="Kabar bentrok antarkelompok dan pembakaran rumah ibadah yang memicu kepanikan",
    topic="sara-konflik", dynamics="fading", daily=curve_fading(45, peak=1, tau=2.2),
    regions=[("73.71", 3, 0), ("73.06", 1, 1), ("81.71", 3, 0), ("81.01", 1, 1), ("94.04", 2, 1), ("94.01", 1, 2), ("64.72", 2, 1),
             ("12.71", 1, 2), ("53.71", 1, 2), ("31.72", 1, 3)],
    platforms={"whatsapp": 5, "facebook": 3, "x": 2, "telegram": 2},
    slots=dict(lokasi=["dekat pasar", "di sekitar terminal", "di perbatasan dua kampung", "di dekat pelabuhan", "di jalan utama"],
               massa=["massa dari luar daerah", "ratusan orang membawa senjata tajam", "kelompok pemuda dari kampung sebelah", "rombongan orang tak dikenal"],
               ibadah=["rumah ibadah", "tempat ibadah", "balai pertemuan warga"]),
    templates=[
        ("formal", "Beredar kabar telah terjadi bentrok antarkelompok {lokasi} {place} dan sebuah {ibadah} dibakar. Disebutkan {massa} sedang bergerak menuju kota. Warga diminta tidak keluar rumah."),
        ("wa", "*SIAGA!!* Sudah pecah bentrok di {place} {lokasi}, {ibadah} dibakar!! {massa} sedang menuju ke sini. Tutup toko, kunci rumah, jaga keluarga masing2. Sebarkan!!"),
        ("slang", "Guys yg di {place} mending di rumah aja, katanya ada bentrok {lokasi}, {ibadah} dibakar. toko2 pada tutup 😨"),
        ("slang", "ini bener ga sih ada kerusuhan di {place}?? di grup keluarga katanya {massa} lg jalan ke kota, {ibadah} udah dibakar"),
        ("formal", "Sejumlah pesan suara menyebut {massa} menyerang warga {lokasi} {place}. Pesan itu disertai foto kepulan asap yang diklaim berasal dari {ibadah} yang terbakar."),
        ("wa", "Saudara2ku di {place}, malam ini jgn ada yg keluar. {massa} sdh kumpul {lokasi}, katanya balasan krn {ibadah} dibakar. Siapkan diri, jaga kampung masing2 🙏"),
        ("en", "Heard there's a clash {lokasi} in {place} and a {ibadah} got burned?? Anyone can confirm? Stay safe everyone 🙏"),
        ("slang", "jangan lewat {lokasi} {place} dulu, katanya rusuh, ada {ibadah} dibakar. sodara gw barusan telp suruh pulang"),
        ("formal", "Video kerumunan massa yang diklaim terjadi {lokasi} {place} hari ini menyebar luas di grup percakapan, disertai ajakan agar warga bersiap menghadapi serangan."),
    ],
    topics=["kabar bentrok itu", "isu rumah ibadah dibakar", "kabar kerusuhan di sana"],
    clar_title="Kabar Bentrok Antarkelompok dan Pembakaran Rumah Ibadah di {city}",
    clar_claims=["terjadi bentrok antarkelompok dan pembakaran {ibadah} di {city}", "{massa} bergerak menyerang warga di {city}"],
    facts=["Aparat keamanan dan tokoh lintas agama memastikan situasi kondusif dan aktivitas warga berjalan normal",
           "Foto asap yang beredar berasal dari kebakaran gudang yang tidak terkait konflik apa pun",
           "Forum Kerukunan Umat Beragama (FKUB) mengajak warga tidak terprovokasi pesan berantai"],
    counter="Jangan teruskan pesan yang memancing kebencian. Jaga kerukunan dan konfirmasi ke ketua RT/RW, tokoh masyarakat, atau kepolisian.",
    fc_expl=["Kepolisian dan pemerintah daerah memastikan tidak ada bentrokan maupun pembakaran rumah ibadah pada waktu yang disebutkan. Foto kepulan asap yang disertakan berasal dari kebakaran gudang, sedangkan video kerumunan merupakan rekaman kegiatan warga di tempat lain.",
             "Pesan tersebut memuat ajakan bersiap menghadapi serangan yang berpotensi memicu konflik nyata."],
    news=[("Polisi dan FKUB Pastikan {city} Kondusif, Kabar Bentrok Antarkelompok Tidak Benar",
           ["Kepolisian bersama Forum Kerukunan Umat Beragama (FKUB) {city_formal} memastikan kabar yang menyebut {claim} tidak benar.",
            "\"{fact},\" kata perwakilan FKUB usai pertemuan dengan tokoh masyarakat.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "bbm-pertalite-naik", title="Harga Pertalite disebut naik menjadi Rp15.000 per liter mulai 1 Desember",
    topic="ekonomi-bbm", dynamics="active", daily=curve_active(65, start=2), x_src="x-search-listrik",
    regions=[("14.71", 3, 0), ("14.72", 1, 1), ("12.71", 3, 0), ("16.71", 2, 1), ("18.71", 2, 1), ("31.75", 2, 2), ("31.74", 1, 2),
             ("64.72", 2, 2), ("64.71", 2, 2), ("73.71", 2, 3), ("11.71", 1, 3), ("13.71", 1, 4), ("61.71", 1, 3), ("71.71", 1, 5),
             ("33.74", 1, 4), ("51.71", 1, 5)],
    platforms={"whatsapp": 4, "facebook": 3, "x": 3, "telegram": 1, "instagram": 1},
    slots=dict(bbm=["Pertalite", "Pertalite", "Pertalite", "Solar subsidi", "Pertamax"],
               harga=["Rp15.000", "Rp 13.500", "Rp17.000", "15 ribu", "Rp14.900"],
               mulai=["1 Desember", "Senin depan", "tengah malam nanti", "tanggal 1 bulan depan", "awal Desember"]),
    templates=[
        ("formal", "Pertamina dikabarkan akan menaikkan harga {bbm} menjadi {harga} per liter mulai {mulai} pukul 00.00. Warga diimbau mengisi penuh tangki kendaraan sebelum harga baru berlaku."),
        ("wa", "*INFO PERTAMINA* ⛽⛽\nMulai {mulai} jam 00.00, harga {bbm} NAIK jadi {harga}/liter. Pertalite akan dihapus bertahap. Isi penuh kendaraan malam ini!! Sebarkan ke keluarga 🙏"),
        ("slang", "Wkwk siap2 dompet jebol, {bbm} naik jadi {harga} mulai {mulai}. SPBU di {place} udh antre panjang bgt 😩"),
        ("slang", "Serius {bbm} naik {harga}?? Td lewat SPBU {place} antrean sampe ke jalan raya. Yg tau info resminya share dong"),
        ("en", "So {bbm} price going up to {harga}/liter starting {mulai}? SPBU di {place} already crazy long queue 😵 #BBMNaik"),
        ("formal", "Beredar surat edaran berkop Pertamina yang menyebut harga {bbm} naik menjadi {harga} per liter berlaku {mulai}. Antrean kendaraan sempat mengular di sejumlah SPBU di {place}."),
        ("slang", "Fix {bbm} naik jadi {harga} {mulai}, kata temen yg kerja di depo. Mending isi full sekarang deh sebelum nyesel"),
        ("jv", "Lur, jarene {bbm} arep munggah dadi {harga} {mulai}. Ndang diisi kebak motore mumpung durung munggah."),
        ("wa", "Assalamualaikum, kabar dari grup sopir: harga {bbm} resmi naik {harga} mulai {mulai}. Angkot & ojol di {place} siap2 naikin tarif. Mohon disebarkan."),
        ("slang", "Harga {bbm} {harga} mulai {mulai}?? ya ampun baru juga gajian. SPBU {place} td rame bgt sampe macet 😤"),
    ],
    topics=["Pertalite naik 15 ribu", "BBM naik tgl 1", "surat edaran harga Pertalite"],
    clar_title="Kenaikan Harga Pertalite Mulai 1 Desember",
    clar_claims=["harga {bbm} naik menjadi {harga} per liter mulai {mulai}"],
    facts=["Pertamina menegaskan belum ada keputusan pemerintah tentang perubahan harga BBM bersubsidi",
           "Surat edaran yang beredar menggunakan kop lama dan tanda tangan hasil suntingan",
           "Stok BBM di SPBU wilayah setempat dalam kondisi aman sehingga warga tidak perlu membeli berlebihan"],
    counter="Tidak perlu panic buying. Informasi harga BBM resmi hanya diumumkan pemerintah dan Pertamina melalui kanal resmi.",
    fc_expl=["Pertamina menyatakan tidak ada rencana kenaikan harga Pertalite per 1 Desember. Harga BBM bersubsidi ditetapkan pemerintah dan diumumkan melalui konferensi pers resmi, bukan surat edaran yang beredar di grup percakapan.",
             "Surat edaran yang beredar memakai kop surat lama dan nomor surat yang tidak terdaftar."],
    news=[("Antrean SPBU di {city} Mengular Akibat Isu Kenaikan Harga Pertalite",
           ["Antrean kendaraan terlihat di sejumlah SPBU di {city_formal} setelah beredar kabar bahwa {claim}.",
            "Pihak Pertamina wilayah setempat memastikan kabar itu tidak benar. \"{fact},\" ujar perwakilan Pertamina.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "air-pdam-racun", title="Air PDAM disebut tercemar racun dan menyebabkan warga meninggal",
    topic="kesehatan-air", dynamics="emerging", daily=[0] * 13 + [5, 16, 36],
    regions=[("33.74", 4, 0), ("33.72", 3, 0), ("33.11", 2, 1), ("35.78", 3, 1), ("35.15", 2, 1), ("33.09", 1, 2), ("33.10", 1, 2)],
    platforms={"whatsapp": 6, "facebook": 3, "x": 2},
    slots=dict(penyebab=["diracun orang tak dikenal lewat tandon", "tercemar limbah pabrik", "mengandung bakteri E. coli berbahaya", "dicampur sianida",
                         "tercemar bangkai hewan di intake"],
               korban=["3 orang meninggal", "puluhan warga dirawat", "satu keluarga keracunan", "5 anak muntah-muntah", "2 lansia meninggal"],
               warna=["berwarna kecoklatan", "berbau aneh", "berbusa", "agak kehijauan"]),
    templates=[
        ("formal", "Warga {place} diimbau tidak mengonsumsi air PDAM karena disebut {penyebab}. Kabarnya {korban} setelah meminum air tersebut."),
        ("wa", "*PENTING!! JANGAN MINUM AIR PDAM* ⚠️⚠️\nAir PDAM di {place} {penyebab}. Sudah {korban}. Jangan dipakai masak & minum sampai ada pengumuman resmi. Sebarkan ke grup RT/RW!!"),
        ("slang", "Pantesan air PDAM di rumah {warna} dari kemarin, ternyata katanya {penyebab} 😱 di {place} udah {korban}"),
        ("slang", "Beneran gak sih air PDAM {place} {penyebab}? Grup RT heboh, katanya {korban}. Gw udh beli galon aja buat masak"),
        ("jv", "Lur, banyu PDAM neng {place} ojo diombe disik, jarene {penyebab}. Wis ana {korban}."),
        ("en", "Heads up buat yg di {place}, air PDAM katanya {penyebab}, {korban}. Better pakai air galon dulu sampe ada info resmi."),
        ("formal", "Pesan berantai di grup WhatsApp warga {place} menyebut air PDAM {warna} karena {penyebab} dan menyebabkan {korban}."),
        ("wa", "Info dr grup sebelah 🙏 Tolong warga {place}: air PDAM {warna}, katanya {penyebab}. Di RS udah {korban}. Direbus juga gak mempan!! Pakai air galon dulu."),
        ("slang", "ASLI TAKUT. Air PDAM di {place} {penyebab}, {korban}. Kok PDAM diem aja sih?? 😡"),
    ],
    topics=["air PDAM beracun", "air PDAM tercemar racun", "isu air PDAM"],
    clar_title="Air PDAM {city} Tercemar Racun",
    clar_claims=["air PDAM di {city} {penyebab} dan menyebabkan {korban}"],
    facts=["Hasil uji laboratorium harian menunjukkan kualitas air PDAM memenuhi baku mutu air minum",
           "Perubahan warna air di beberapa titik disebabkan kekeruhan air baku saat hujan deras dan pembersihan pipa, bukan racun",
           "Rumah sakit dan puskesmas setempat tidak menerima pasien keracunan air PDAM"],
    counter="Air PDAM aman digunakan. Jika air keruh, laporkan ke layanan pengaduan PDAM dan jangan sebarkan pesan yang belum jelas sumbernya.",
    fc_expl=["Hasil uji laboratorium tidak menemukan zat berbahaya pada air PDAM.", "Tidak ada laporan korban keracunan."],
    news=[("PDAM {city} Pastikan Air Aman, Isu Keracunan Tidak Benar",
           ["PDAM {city_formal} membantah pesan berantai yang menyebut {claim}.",
            "Direktur teknik PDAM menjelaskan, {fact}.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "rekrutmen-cpns-bumn", title="Lowongan CPNS/BUMN jalur khusus tanpa tes dengan biaya administrasi",
    topic="penipuan-lowongan", dynamics="active", daily=curve_active(55, start=0),
    regions=[("64.72", 2, 0), ("64.71", 2, 0), ("64.02", 2, 1), ("91.71", 2, 1), ("91.03", 2, 1), ("94.04", 2, 2), ("95.01", 1, 3),
             ("11.71", 2, 2), ("11.73", 1, 3), ("13.71", 2, 2), ("14.71", 1, 3), ("53.71", 1, 4), ("81.71", 1, 4), ("91.06", 1, 5)],
    platforms={"telegram": 3, "facebook": 4, "whatsapp": 3, "x": 1, "instagram": 1},
    slots=dict(instansi=["BUMN", "PT KAI", "Otorita IKN", "PLN", "Pertamina", "Kementerian Perhubungan", "Angkasa Pura"],
               posisi=["staf administrasi", "satpam", "operator", "teknisi", "cleaning service", "staf gudang"],
               biaya=["Rp350.000", "Rp1.500.000", "Rp 750 ribu", "2 juta"],
               link=["https://rekrutmen-bumn2026.example/daftar", "https://cpns-jalurkhusus.example.id", "https://karir-ikn.example/form",
                     "https://bit.example/loker-bumn"],
               pendidikan=["SMA/SMK", "semua jurusan", "D3/S1", "min. SMP"]),
    templates=[
        ("formal", "Dibuka penerimaan pegawai {instansi} jalur khusus tahun 2026 tanpa tes untuk lulusan {pendidikan}. Penempatan di {place}. Pendaftaran melalui {link}, biaya administrasi {biaya} untuk seragam dan pelatihan."),
        ("wa", "*LOWONGAN KERJA {instansi} 2026* 📢\nPosisi: {posisi}\nPendidikan: {pendidikan}\nTANPA TES, langsung kontrak!\nPenempatan: {place}\nDaftar: {link}\nBiaya admin {biaya} (dikembalikan setelah gaji pertama). Kuota terbatas!!"),
        ("slang", "Ada yg mau kerja di {instansi}? lagi buka {posisi} tanpa tes buat {pendidikan}, penempatan {place}. daftar di {link} , cuma bayar admin {biaya}"),
        ("formal", "Selamat! Anda dinyatakan LULUS seleksi administrasi calon pegawai {instansi} penempatan {place}. Segera lakukan konfirmasi dan pembayaran biaya pelatihan sebesar {biaya} melalui {link}."),
        ("slang", "Lumayan nih info loker {instansi} jalur khusus, {pendidikan} bisa daftar, gak pake tes, katanya gaji 7jt. {link}"),
        ("en", "Job alert! {instansi} hiring {posisi} in {place}, no test required, open for {pendidikan}. Apply via {link} (admin fee {biaya}) 🙌"),
        ("wa", "Assalamualaikum saudara2 di {place}, ada penerimaan CPNS & {instansi} jalur khusus lewat orang dalam, pasti lulus. Syarat cuma fotokopi ijazah + biaya {biaya}. Daftar lewat {link}. Buruan, kuota tinggal sedikit 🙏"),
        ("slang", "{instansi} buka rekrutmen massal buat putra daerah {place}!! {posisi}, {pendidikan}, tanpa tes. link: {link}"),
        ("formal", "Rekrutmen tenaga kerja {instansi} untuk wilayah {place} dibuka hingga akhir bulan. Pelamar wajib mentransfer biaya pemeriksaan kesehatan {biaya} sebelum mengikuti pelatihan."),
    ],
    topics=["loker {instansi} tanpa tes", "rekrutmen jalur khusus itu", "lowongan yg bayar admin"],
    clar_title="Rekrutmen CPNS/BUMN Jalur Khusus Tanpa Tes Berbayar",
    clar_claims=["dibuka penerimaan pegawai {instansi} jalur khusus tanpa tes dengan biaya administrasi {biaya}", "rekrutmen CPNS/BUMN jalur khusus dibuka melalui tautan {link}"],
    facts=["Rekrutmen CPNS hanya diumumkan melalui portal resmi BKN dan instansi terkait, tanpa biaya apa pun",
           "Perusahaan BUMN menegaskan proses rekrutmen tidak memungut biaya dan tidak menjanjikan kelulusan",
           "Tautan yang beredar bukan domain resmi instansi pemerintah maupun BUMN"],
    counter="Rekrutmen resmi tidak pernah memungut biaya. Waspadai tawaran jalur khusus atau orang dalam, dan laporkan ke pihak berwenang.",
    fc_expl=["Instansi yang dicatut menyatakan tidak membuka rekrutmen jalur khusus dan tidak pernah memungut biaya dalam proses seleksi. Informasi lowongan resmi hanya diumumkan melalui situs dan akun resmi instansi.",
             "Pola meminta biaya seragam, pelatihan, atau pemeriksaan kesehatan sebelum bekerja merupakan modus penipuan lowongan yang berulang."],
    news=[("Waspada Lowongan Palsu Mengatasnamakan BUMN, Disnaker {city} Beri Peringatan",
           ["Dinas Tenaga Kerja {city_formal} menerima sejumlah aduan warga terkait informasi yang menyebut {claim}.",
            "Menurut Disnaker, {fact}.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "wabah-rabies", title="Wabah rabies disebut menular lewat udara dan tewaskan puluhan warga",
    topic="kesehatan-zoonosis", dynamics="fading", daily=curve_fading(45, peak=2, tau=2.5),
    regions=[("53.07", 3, 0), ("53.71", 2, 0), ("53.01", 2, 1), ("53.08", 2, 1), ("53.15", 1, 2), ("51.08", 2, 1), ("51.04", 1, 2),
             ("73.06", 1, 3), ("81.71", 1, 3)],
    platforms={"whatsapp": 5, "facebook": 4, "telegram": 1},
    slots=dict(n=["12", "27", "30-an", "puluhan", "40"], hewan=["anjing", "anjing liar", "kucing dan anjing", "kera"],
               klaim_udara=["virusnya bisa menular lewat udara", "cukup kena air liurnya di jalan sudah tertular",
                            "bisa menular dari telur dan daging ayam", "menular lewat gigitan nyamuk"]),
    templates=[
        ("formal", "Wabah rabies dikabarkan merebak di {place}. Sebanyak {n} warga disebut meninggal dalam sepekan dan status kejadian luar biasa (KLB) telah ditetapkan. Sekolah-sekolah diliburkan."),
        ("wa", "*AWAS WABAH RABIES* ⚠️⚠️\nDi {place} sudah {n} orang meninggal digigit {hewan} gila. Katanya {klaim_udara}!! Anak2 jangan keluar rumah. Sebarkan!!"),
        ("slang", "Ngeri bgt, rabies di {place} udh {n} korban jiwa, katanya {klaim_udara} 😨 jaga anak2 ya"),
        ("slang", "Bener ga sih di {place} lagi KLB rabies? katanya sekolah diliburin, {n} org meninggal. Sodara di sana blm bisa ditelp"),
        ("formal", "Pesan berantai menyebut {hewan} rabies mengamuk di {place} dan menggigit puluhan warga. Pesan itu juga mengklaim {klaim_udara}."),
        ("wa", "Bpk/Ibu, info dari teman perawat di RS {place}: pasien gigitan {hewan} rabies terus bertambah, sudah {n} meninggal. {klaim_udara}. Pakai masker kalau keluar 🙏"),
        ("slang", "Kata orang2 di pasar {place}, {hewan} rabies udah bikin {n} orang meninggal. pokoknya jangan deket2 {hewan} dulu, {klaim_udara}"),
        ("en", "Rabies outbreak in {place}?? {n} deaths reported in WA groups and {klaim_udara}. Can anyone confirm?"),
    ],
    topics=["wabah rabies", "rabies menular lewat udara", "KLB rabies"],
    clar_title="Wabah Rabies Menular Lewat Udara di {city}",
    clar_claims=["wabah rabies di {city} menewaskan {n} warga dan {klaim_udara}"],
    facts=["Dinas Kesehatan mencatat kasus gigitan hewan penular rabies memang ada, namun jumlah kematian yang disebut dalam pesan berantai tidak benar",
           "Rabies tidak menular melalui udara; penularan terjadi lewat gigitan atau cakaran hewan terinfeksi",
           "Tidak ada penetapan KLB baru maupun kebijakan meliburkan sekolah"],
    counter="Jika digigit hewan, segera cuci luka dengan sabun di air mengalir selama 15 menit dan datang ke puskesmas untuk vaksin anti-rabies. Vaksinasi hewan peliharaan Anda.",
    fc_expl=["Rabies tidak menular lewat udara.", "Jumlah korban dalam pesan tidak sesuai data dinas kesehatan."],
    news=[("Dinkes {city}: Rabies Tidak Menular Lewat Udara, Warga Diminta Tak Panik",
           ["Dinas Kesehatan {city_formal} meluruskan pesan berantai yang menyebut {claim}.",
            "\"{fact},\" kata Kepala Bidang Pencegahan dan Pengendalian Penyakit.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
def wilayah_padam(r):
    p = prov_of(r)
    if p in ("31", "32", "33", "34", "35", "36", "51"):
        return rng.choice(["se-Jawa-Bali", "se-Jawa dan Bali", "Jawa-Bali"])
    if p in ("11", "12", "13", "14", "16", "18"):
        return rng.choice(["se-Sumatera", "se-Sumatera bagian utara"])
    if p == "64":
        return "se-Kalimantan"
    return "se-Jawa-Bali"


narrative(
    "pln-padam-total", title="PLN disebut akan memadamkan listrik total se-Jawa-Bali selama tiga hari",
    topic="listrik", dynamics="active", daily=curve_active(55, start=1), x_src="x-search-listrik",
    regions=[("31.74", 2, 0), ("31.75", 2, 1), ("32.75", 2, 1), ("32.76", 1, 2), ("32.73", 2, 1), ("32.71", 1, 2), ("33.74", 2, 2),
             ("33.72", 1, 3), ("35.78", 2, 2), ("35.73", 1, 3), ("34.71", 1, 3), ("51.71", 2, 4), ("36.74", 1, 2), ("36.73", 1, 3),
             ("12.71", 1, 5), ("14.71", 1, 6)],
    platforms={"whatsapp": 5, "facebook": 3, "x": 3, "instagram": 1},
    slots=dict(durasi=["3 hari", "72 jam", "2x24 jam", "tiga hari tiga malam"],
               kapan=["mulai Jumat ini", "mulai tanggal 20", "akhir pekan ini", "mulai besok malam", "minggu depan"],
               sebab=["perbaikan jaringan SUTET", "krisis pasokan batu bara", "pemeliharaan pembangkit utama", "gangguan besar di gardu induk",
                      "pergantian sistem jaringan"],
               wil=wilayah_padam),
    templates=[
        ("formal", "PLN dikabarkan akan melakukan pemadaman listrik total {wil} selama {durasi} {kapan} karena {sebab}. Warga diminta menyiapkan lilin dan menampung air."),
        ("wa", "*INFO PLN* ⚡⚡\nAkan ada PEMADAMAN TOTAL {wil} selama {durasi} {kapan} karena {sebab}.\nSiapkan: lilin, senter, powerbank, air bersih, uang tunai (ATM mati).\nSebarkan ke keluarga 🙏"),
        ("slang", "Hah beneran listrik mau mati total {durasi} {kapan}?? {wil} katanya. Freezer isinya gmn dong 😭"),
        ("slang", "Siap2 beli lilin & powerbank guys, PLN mau padam total {wil} {durasi} {kapan}. warga {place} udh pada borong lilin di minimarket"),
        ("en", "Apparently PLN will shut down power {wil} for {durasi} {kapan} due to {sebab}?? Is this legit? 😳"),
        ("jv", "Lur, jarene PLN arep mateni listrik {wil} suwene {durasi} {kapan}. Siapke lilin lan banyu yo."),
        ("formal", "Beredar tangkapan layar pengumuman yang mengatasnamakan PLN berisi jadwal pemadaman total {wil} selama {durasi} {kapan}. Pengumuman itu menyebut alasan {sebab}."),
        ("slang", "Kantor gw di {place} udh suruh siap2 WFH krn katanya listrik padam total {durasi} {kapan}. bener gak sih ini?"),
        ("wa", "Assalamualaikum, mohon maaf mengganggu. Dari teman yg kerja di PLN: {kapan} akan ada pemadaman {wil} {durasi} karena {sebab}. Isi air, charge HP & powerbank. Diteruskan dari grup sebelah 🙏"),
        ("su", "Wargi {place}, cenah PLN rek mareuman listrik {wil} salila {durasi} {kapan}. Sayagikeun lilin jeung cai nya."),
    ],
    topics=["listrik padam total 3 hari", "pemadaman total se-Jawa-Bali", "info PLN padam total"],
    clar_title="Pemadaman Listrik Total Selama Tiga Hari",
    clar_claims=["PLN akan memadamkan listrik total {wil} selama {durasi}"],
    facts=["PLN memastikan tidak ada rencana pemadaman total; sistem kelistrikan dalam kondisi normal dengan cadangan daya mencukupi",
           "Pemeliharaan jaringan dilakukan terjadwal per wilayah kecil dan diumumkan resmi beberapa hari sebelumnya",
           "Tangkapan layar yang beredar merupakan hasil suntingan pengumuman lama"],
    counter="Jadwal pemeliharaan resmi bisa dicek di aplikasi dan kanal resmi PLN. Jangan memborong lilin atau BBM karena pesan berantai.",
    fc_expl=["PLN memastikan tidak ada rencana pemadaman total di wilayah mana pun. Sistem kelistrikan Jawa-Bali dalam kondisi normal dengan cadangan daya yang cukup.",
             "Tangkapan layar yang beredar merupakan pengumuman pemeliharaan jaringan lokal beberapa tahun lalu yang disunting: durasi dan cakupan wilayahnya diubah."],
    news=[("PLN Bantah Isu Pemadaman Total Tiga Hari di {prov_name}",
           ["PLN membantah pesan berantai yang menyebut {claim}.",
            "Manajer komunikasi PLN wilayah setempat menyatakan, {fact}.",
            "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "token-listrik-gratis", title="Link klaim subsidi token listrik gratis dari pemerintah",
    topic="penipuan-listrik", dynamics="emerging", daily=[0] * 14 + [12, 38], x_src="x-search-bansos",
    regions=[("32.75", 2, 0), ("36.03", 2, 0), ("32.05", 1, 0), ("33.74", 1, 0), ("35.78", 2, 0), ("35.71", 1, 1), ("12.71", 2, 0),
             ("16.71", 1, 1), ("18.71", 2, 0), ("73.71", 1, 1), ("52.03", 1, 1), ("31.75", 1, 0)],
    platforms={"whatsapp": 6, "facebook": 3, "x": 1, "telegram": 1},
    slots=dict(nominal=["Rp500.000", "Rp 300 ribu", "Rp1 juta", "100 kWh"], daya=["450 VA dan 900 VA", "900 VA", "450-1300 VA", "rumah tangga kecil"],
               link=["https://token-gratis-pln.example/klaim", "https://subsidi-listrik.example.id/daftar", "https://bit.example/tokengratis",
                     "https://pln-promo.example/hadiah"],
               batas=["malam ini", "24 jam", "tanggal 25 November", "hari Minggu"]),
    templates=[
        ("formal", "Pemerintah memberikan subsidi token listrik gratis senilai {nominal} bagi pelanggan {daya}. Klaim melalui tautan {link} dengan memasukkan ID pelanggan dan NIK sebelum {batas}."),
        ("wa", "*KABAR GEMBIRA* ⚡🎁\nToken listrik GRATIS {nominal} utk pelanggan {daya}!! Klaim di {link}\nBerlaku s/d {batas}. Udah saya coba, langsung masuk. Bagikan ke 10 grup supaya token aktif 🙏"),
        ("slang", "Lumayan bgt, dapet token listrik gratis {nominal} dr pemerintah, cuma masukin ID pelanggan di {link} . Buruan sblm {batas}"),
        ("slang", "ada yg udh coba link token gratis ini? {link} katanya {nominal} buat {daya}. tetangga di {place} udah share di grup RT"),
        ("wa", "Assalamualaikum warga {place} 🙏 Ada program subsidi token listrik {nominal} dari Kementerian ESDM untuk pelanggan {daya}. Cukup isi data di {link} lalu bagikan ke 5 grup WA. Terakhir {batas}."),
        ("en", "Free electricity token {nominal} for {daya} customers! Claim here {link} before {batas} ⚡ share ke keluarga ya"),
        ("jv", "Sing langganan {daya}, iki ana token listrik gratis {nominal}, klaim neng {link} . Ndang sakdurunge {batas}."),
        ("formal", "Program diskon 50 persen dan token gratis {nominal} kembali dibuka untuk pelanggan {daya}. Pelanggan cukup mengisi nomor meter, NIK, dan nomor rekening melalui {link}."),
    ],
    topics=["token listrik gratis", "link token gratis itu", "subsidi token listrik"],
    clar_title="Link Token Listrik Gratis dari Pemerintah",
    clar_claims=["pemerintah membagikan token listrik gratis {nominal} lewat tautan {link}"],
    facts=["PLN dan Kementerian ESDM tidak memiliki program token listrik gratis yang diklaim melalui tautan pesan berantai",
           "Tautan tersebut meminta ID pelanggan, NIK, dan nomor rekening yang rawan disalahgunakan",
           "Syarat membagikan pesan ke grup WhatsApp merupakan ciri khas penipuan berantai"],
    counter="Abaikan tautan token gratis. Informasi promo dan stimulus listrik resmi hanya diumumkan di kanal resmi PLN.",
    fc_expl=["PLN menegaskan tidak ada program token gratis yang diklaim lewat tautan tersebut. Domain tautan tidak terkait dengan PLN maupun Kementerian ESDM.",
             "Halaman tersebut mengumpulkan ID pelanggan, NIK, dan nomor rekening, lalu meminta korban membagikan tautan ke grup lain agar penipuan menyebar."],
    news=[("Beredar Link Token Listrik Gratis, PLN Pastikan Penipuan",
           ["PLN mengingatkan pelanggan di {city_formal} agar tidak mengisi data pada tautan yang menyebut {claim}.",
            "{fact}.", "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
LONG_HERBAL = ("*RESEP WARISAN NENEK UNTUK DBD, DIJAMIN AMPUH* 🌿🌿🌿\n\nMusim hujan begini banyak yang kena demam berdarah. Jangan "
               "panik dan jangan buru-buru ke rumah sakit, karena di sana cuma diinfus lalu disuruh menunggu. Ini resep yang sudah "
               "terbukti di keluarga kami di {place}:\n\n- {ramuan}\n- direbus dengan 3 gelas air sampai tinggal 1 gelas\n- diminum pagi, "
               "siang, dan malam\n\nHasilnya {hasil}. Keponakan saya trombositnya tinggal 40 ribu, setelah minum ramuan ini besok "
               "paginya sudah normal dan bisa main lagi. Makanya {ajakan}.\n\nTambahan: jangan minum obat penurun panas dari apotek "
               "karena katanya membuat trombosit turun. Cukup kompres air hangat dan banyak minum.\n\nSilakan dicoba dan dibagikan, "
               "siapa tahu ada keluarga atau tetangga yang membutuhkan. Semoga bermanfaat 🙏🙏\n\n_dari grup kesehatan keluarga_")
narrative(
    "herbal-dbd", title="Ramuan daun pepaya dan jambu biji disebut sembuhkan DBD dalam semalam tanpa ke rumah sakit",
    topic="kesehatan-herbal", dynamics="active", daily=curve_active(55, start=0),
    regions=[("33.10", 2, 0), ("33.74", 2, 0), ("33.02", 2, 1), ("34.71", 2, 1), ("34.02", 1, 2), ("35.09", 2, 1), ("35.71", 1, 2),
             ("18.71", 2, 2), ("52.71", 2, 2), ("52.02", 1, 3), ("61.71", 1, 3), ("32.71", 1, 3), ("16.71", 1, 4)],
    platforms={"whatsapp": 5, "facebook": 4, "instagram": 2, "x": 1},
    slots=dict(ramuan=["rebusan daun pepaya dicampur angkak", "jus jambu biji merah + daun pepaya", "air rebusan daun sirsak dan kunyit",
                       "rebusan daun pepaya muda 7 lembar", "campuran angkak, kurma, dan jambu biji"],
               hasil=["trombosit naik 100 ribu dalam semalam", "sembuh total dalam 1 malam", "virus DBD langsung mati", "demam turun dalam 3 jam"],
               ajakan=["tidak perlu ke rumah sakit", "tidak usah opname", "dokter tidak mau kasih tau ini", "obat dokter malah bikin parah"]),
    templates=[
        ("formal", "Khasiat {ramuan} diklaim mampu menyembuhkan demam berdarah dengue (DBD): {hasil}, sehingga penderita {ajakan}."),
        ("wa", "*RESEP AMPUH SEMBUHKAN DBD* 🌿🌿\n{ramuan}, minum 3x sehari. Dijamin {hasil}!! {ajakan}. Sudah dibuktikan tetangga saya di {place}. Sebarkan, siapa tau menolong 🙏"),
        ("slang", "anak gw kena DBD, dikasih {ramuan} langsung {hasil}. {ajakan} sumpah. cobain dulu deh sblm ke RS"),
        ("slang", "Lagi musim DBD di {place} nih, kata ibu2 pengajian {ramuan} bisa bikin {hasil}. Jadi {ajakan}. Bener gak sih?"),
        ("en", "DBD natural remedy: {ramuan}, {hasil}! No need to go to hospital, {ajakan}. Share buat yg butuh 🌿"),
        ("jv", "Nek ana sing kena DBD, dijajal {ramuan}. Jare {hasil}, {ajakan}. Tonggoku neng {place} wis mari."),
        ("formal", "Sebuah pesan berantai yang mengatasnamakan dokter di {place} menyebut {ramuan} sebagai obat DBD paling manjur: {hasil}."),
        ("wa", "Info kesehatan dari grup sebelah: DBD tidak perlu rawat inap! Cukup {ramuan}, {hasil}. {ajakan}. Mohon diteruskan ke keluarga, lagi musim hujan 🙏"),
        ("slang", "Plis yg keluarganya kena DBD jgn buru2 ke RS, cobain {ramuan} dulu. {hasil}, beneran!! {ajakan}"),
        ("long", LONG_HERBAL),
    ],
    topics=["daun pepaya sembuhin DBD semalam", "obat herbal DBD itu", "resep DBD tanpa RS"],
    clar_title="Ramuan Herbal Sembuhkan DBD dalam Semalam",
    clar_claims=["{ramuan} dapat menyembuhkan DBD dalam semalam sehingga pasien tidak perlu ke rumah sakit"],
    facts=["Belum ada bukti ilmiah bahwa ramuan tersebut menyembuhkan DBD; sebagian hanya membantu asupan cairan",
           "DBD dapat menyebabkan syok dan kematian jika terlambat ditangani, sehingga pasien dengan tanda bahaya wajib diperiksa di fasilitas kesehatan",
           "Kunci penanganan DBD adalah pemantauan cairan dan trombosit oleh tenaga kesehatan"],
    counter="Demam tinggi lebih dari 2 hari, muncul bintik merah, atau mimisan? Segera ke puskesmas atau rumah sakit. Ramuan boleh untuk menambah cairan, bukan pengganti pengobatan.",
    fc_expl=["Sejumlah penelitian kecil menunjukkan ekstrak daun pepaya mungkin membantu kenaikan trombosit, tetapi tidak ada bukti bahwa ramuan apa pun menyembuhkan DBD dalam semalam atau menggantikan perawatan medis.",
             "Ajakan untuk tidak ke rumah sakit berbahaya karena fase kritis DBD dapat menyebabkan syok dan kematian bila tidak dipantau tenaga kesehatan."],
    news=[("Dinkes {city}: Ramuan Herbal Bukan Pengganti Pengobatan DBD",
           ["Dinas Kesehatan {city_formal} mengingatkan warga agar tidak mempercayai pesan berantai yang menyebut {claim}.",
            "\"{fact},\" kata seorang dokter puskesmas.", "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
HELI_2021 = ("Mohon info ini diteruskan: Malam ini pukul 23.00 akan ada penyemprotan disinfektan dari helikopter untuk membasmi "
             "virus corona. Mohon jangan keluar rumah, tutup pintu dan jendela, masukkan jemuran. Terima kasih 🙏")
narrative(
    "helikopter-semprot", title="Penyemprotan cairan dari helikopter malam ini pukul 23.00 (hoaks lama 2021 yang beredar lagi)",
    topic="kesehatan-lingkungan", dynamics="recycled", daily=[0] * 6 + [2, 7, 11, 9, 6, 4, 3, 3, 2, 2],
    regions=[("31.74", 3, 0), ("31.75", 2, 0), ("31.72", 2, 1), ("32.75", 3, 0), ("32.76", 2, 1), ("36.74", 2, 1), ("36.71", 1, 2),
             ("32.73", 2, 2), ("35.78", 2, 3), ("12.71", 1, 3), ("73.71", 1, 4), ("32.71", 1, 2)],
    platforms={"whatsapp": 7, "facebook": 3, "x": 1},
    slots=dict(jam=["pukul 23.00", "jam 11 malam", "pukul 23.00 s/d 05.00", "tengah malam nanti"],
               tujuan=["membasmi nyamuk DBD", "membunuh virus flu yang sedang mewabah", "membasmi virus corona", "mencegah wabah", "disinfeksi udara kota"],
               larangan=["jangan keluar rumah", "tutup pintu dan jendela", "masukkan jemuran", "tutup penampungan air", "masukkan kendaraan ke garasi"]),
    templates=[
        ("wa", HELI_2021), ("wa", HELI_2021),
        ("wa", "Mohon info ini diteruskan: Malam ini {jam} akan ada penyemprotan disinfektan dari helikopter untuk {tujuan}. Mohon {larangan}, {larangan2}. Terima kasih 🙏"),
        ("wa", "*INFO DARI DINKES* 🚁\nNanti malam {jam} ada penyemprotan cairan dari udara pakai helikopter di wilayah {place} utk {tujuan}.\n- {larangan}\n- {larangan2}\n- anak2 jangan main di luar\nSebarkan ke grup keluarga!"),
        ("formal", "Pemerintah daerah disebut akan melakukan penyemprotan dari helikopter di {place} malam ini {jam} untuk {tujuan}. Warga diminta {larangan}."),
        ("slang", "guys malem ini {jam} katanya ada heli nyemprot obat di {place} buat {tujuan}, {larangan} ya. jemuran jgn lupa diangkat 😅"),
        ("slang", "Ini beneran ada penyemprotan dr helikopter malam ini di {place}? di grup RT rame bgt, katanya buat {tujuan}"),
        ("en", "Reminder: tonight {jam} there will be helicopter spraying over {place} to {tujuan}?? {larangan} 🚁 anyone can confirm?"),
        ("jv", "Lur, mengko bengi {jam} jarene ana helikopter nyemprot obat neng {place} kanggo {tujuan}. Jemurane dilebokke, lawang ditutup."),
        ("su", "Wargi {place}, engke wengi {jam} cenah aya penyemprotan tina helikopter pikeun {tujuan}. Jemuran diasupkeun, panto ditutup."),
        ("wa", "PENGUMUMAN!! Malam ini {jam} akan ada penyemprotan dari helikopter di seluruh wilayah {place} untuk {tujuan}. Warga diimbau {larangan} dan {larangan2}. Harap maklum."),
    ],
    topics=["penyemprotan dari helikopter", "heli nyemprot malam ini", "info penyemprotan jam 23.00"],
    clar_title="Penyemprotan dari Helikopter Malam Ini Pukul 23.00",
    clar_claims=["akan ada penyemprotan dari helikopter malam ini pukul 23.00 untuk {tujuan}"],
    facts=["Tidak ada kegiatan penyemprotan dari udara; pengasapan (fogging) DBD dilakukan petugas di darat dan hanya di lokasi dengan kasus",
           "Pesan tersebut merupakan hoaks lama yang beredar sejak 2020-2021 dan kini disebarkan ulang dengan sedikit perubahan",
           "Dinas Kesehatan dan BPBD tidak pernah mengeluarkan pengumuman tersebut"],
    counter="Itu hoaks lama yang diulang. Cegah DBD dengan 3M Plus (menguras, menutup, mendaur ulang) dan jangan teruskan pesan tanpa sumber resmi.",
    fc_expl=["Pesan ini merupakan daur ulang hoaks yang pernah beredar pada 2020 dan 2021 dengan narasi penyemprotan disinfektan untuk virus corona. Versi terbaru mengganti tujuannya menjadi pembasmian nyamuk atau virus flu, tetapi teks dan jam yang disebut hampir sama.",
             "Dinas kesehatan menyatakan tidak ada penyemprotan dari udara. Pengasapan untuk pengendalian DBD dilakukan petugas di darat setelah penyelidikan epidemiologi."],
    news=[("Hoaks Lama Penyemprotan dari Helikopter Kembali Beredar di {city}",
           ["Pesan berantai yang menyebut {claim} kembali beredar di grup-grup percakapan warga {city_formal}.",
            "Dinas kesehatan setempat menegaskan, {fact}.", "{counter}"])],
)

# ---------------------------------------------------------------------------------------------
narrative(
    "apk-undangan", title="Pesan undangan pernikahan/paket/tilang berisi file APK penguras rekening",
    topic="penipuan-digital", dynamics="fading", daily=curve_fading(45, peak=1, tau=3.0),
    regions=[("12.71", 3, 0), ("16.71", 2, 0), ("14.71", 2, 1), ("32.73", 2, 1), ("73.71", 2, 1), ("35.78", 1, 2), ("13.71", 1, 2),
             ("11.71", 1, 2), ("51.71", 1, 3), ("33.74", 1, 3)],
    platforms={"whatsapp": 7, "facebook": 2, "telegram": 1, "x": 1},
    slots=dict(file=["Undangan Pernikahan Digital.apk", "Surat_Undangan.apk", "LIHAT FOTO PAKET.apk", "Surat Tilang ETLE.apk", "Tagihan_BPJS.apk",
                     "Undangan_Resepsi.apk"],
               size=["4.2 MB", "6,1 MB", "3.8 MB", "12 MB"], pengirim=["kurir paket", "kerabat", "nomor tidak dikenal"]),
    templates=[
        ("wa", "Assalamualaikum Bapak/Ibu 🙏 Tanpa mengurangi rasa hormat, kami mengundang ke acara pernikahan putra-putri kami. Undangan digital terlampir 👇\n📎 {file} ({size})\nMohon dibuka untuk melihat lokasi & waktu acara."),
        ("wa", "Selamat siang, kami dari {pengirim} ingin konfirmasi paket atas nama Anda yang tertahan di gudang {place}. Silakan cek foto paket di file berikut: 📎 {file} ({size})"),
        ("formal", "Pemberitahuan pelanggaran lalu lintas elektronik. Kendaraan Anda tercatat melanggar di {place}. Detail tilang dan denda dapat dilihat pada lampiran {file}."),
        ("wa", "Bpk/Ibu yth, tagihan Anda belum dibayar dan akan dikenakan denda. Rincian tagihan ada di file {file}. Segera buka dan install untuk verifikasi."),
        ("slang", "Eh ini siapa ya kirim undangan nikah di WA tp filenya {file}? Udh gw buka td, kok hp jadi lemot ya 😅"),
        ("slang", "tadi dapet WA dr {pengirim}, suruh buka {file}. ini aman gak sih? di {place} udah ada yg kena katanya"),
        ("formal", "Kepada Yth. Bapak/Ibu/Saudara/i. Dengan memohon rahmat Tuhan, kami bermaksud menyelenggarakan resepsi pernikahan putra-putri kami di {place}. Merupakan suatu kehormatan apabila berkenan hadir. Undangan lengkap: {file}"),
        ("wa", "*PEMBERITAHUAN BPJS* Iuran Anda menunggak 3 bulan, kartu akan dinonaktifkan. Cek rincian pada dokumen berikut 📎 {file} ({size})"),
    ],
    topics=["file undangan .apk", "undangan apk", "file apk dari kurir"],
    clar_title="Undangan Pernikahan Digital Berformat APK",
    clar_claims=["file {file} yang dikirim lewat WhatsApp adalah undangan atau dokumen biasa yang aman dibuka"],
    facts=["File berekstensi .apk adalah aplikasi, bukan dokumen undangan atau foto, dan dapat mencuri kode OTP serta mengambil alih akun m-banking",
           "Kepolisian menerima laporan warga yang kehilangan saldo setelah memasang file tersebut",
           "Undangan resmi atau notifikasi kurir tidak pernah dikirim dalam bentuk file .apk"],
    counter="Jangan pernah memasang file .apk dari pesan WhatsApp. Jika terlanjur, putuskan internet, hapus aplikasinya, dan hubungi bank Anda segera.",
    fc_expl=["File .apk adalah aplikasi.", "Modus ini menguras rekening korban."],
    news=[("Modus Undangan Pernikahan APK Kuras Rekening Warga {city}",
           ["Polisi mengingatkan warga {city_formal} agar tidak memercayai pesan yang menyebut {claim}.",
            "{fact}.", "{counter}"])],
)

# =============================================================================================
# Genuine narratives (hoax=false) that resemble hoax ones
# =============================================================================================
def jam_pemeliharaan(r):
    return rng.choice(["08.00-14.00", "09.00-15.00", "08.30-12.30", "10.00-16.00"]) + " " + tz_label(r)


narrative(
    "pln-pemeliharaan", hoax=False, title="Jadwal pemeliharaan jaringan PLN dengan pemadaman sementara per wilayah",
    topic="listrik", dynamics="active", daily=curve_active(35, start=0),
    regions=[("51.71", 2, 0), ("51.03", 2, 0), ("51.04", 1, 1), ("51.08", 2, 1), ("52.71", 2, 2), ("52.03", 1, 3), ("35.09", 1, 2), ("35.10", 1, 2)],
    platforms={"government": 2, "kim": 2, "facebook": 3, "whatsapp": 3, "instagram": 1},
    slots=dict(jam=jam_pemeliharaan),
    templates=[
        ("formal", "Informasi pemeliharaan jaringan PLN ULP {city}: {jadwal}, pukul {jam}. Wilayah terdampak: sebagian {kec} dan sekitarnya. Pemeliharaan dilakukan untuk meningkatkan keandalan pasokan listrik. Mohon maaf atas ketidaknyamanannya."),
        ("slang", "Info dr PLN, {jadwal} listrik di {kec} padam {jam} ada pemeliharaan jaringan. Siap2 charge HP dulu ya warga {city}"),
        ("wa", "📢 *Jadwal Pemeliharaan Jaringan PLN* 📢\nHari/tgl: {jadwal}\nJam: {jam}\nLokasi: {kec}, {city} dan sekitarnya\nPemadaman sementara hanya selama pekerjaan berlangsung. Info resmi PLN 🙏"),
        ("formal", "Sehubungan dengan pekerjaan penggantian tiang dan perapian jaringan, aliran listrik di sebagian wilayah {kec}, {city} akan dipadamkan sementara pada {jadwal} pukul {jam}."),
        ("slang", "Besok listrik {kec} mati dari pagi sampe siang ya, ada perbaikan jaringan PLN. Bukan padam total kok, cuma per wilayah 😊"),
    ],
    topics=["jadwal pemeliharaan PLN"],
    news=[("PLN Lakukan Pemeliharaan Jaringan di {city}, Sejumlah Wilayah Padam Sementara",
           ["PLN melakukan pemeliharaan jaringan distribusi di sebagian wilayah {city_formal} pekan ini.",
            "Pemadaman sementara berlangsung selama pekerjaan, umumnya enam jam, dan diumumkan melalui kanal resmi PLN dan pemerintah desa.",
            "Warga diimbau mencabut peralatan elektronik saat pemadaman dan mengecek jadwal resmi sebelum beraktivitas."])],
)
narrative(
    "vaksinasi-rabies", hoax=False, title="Vaksinasi rabies gratis untuk hewan penular rabies",
    topic="kesehatan-zoonosis", dynamics="active", daily=curve_active(30, start=0),
    regions=[("53.07", 2, 0), ("53.71", 2, 1), ("53.01", 1, 2), ("53.08", 1, 2), ("53.15", 1, 3), ("51.08", 2, 1)],
    platforms={"government": 3, "kim": 2, "facebook": 3, "whatsapp": 2},
    slots={},
    templates=[
        ("formal", "Dinas Peternakan {city} menggelar vaksinasi rabies gratis bagi anjing, kucing, dan kera di {kec} pada {jadwal}. Warga diminta membawa hewan peliharaannya ke titik vaksinasi."),
        ("slang", "Yg punya anjing di {kec} jangan lupa {jadwal} ada vaksin rabies gratis ya, dibawa aja ke balai desa 🐶"),
        ("wa", "*VAKSINASI RABIES GRATIS* 🐕\nLokasi: {kec}, {city}\nWaktu: {jadwal}, mulai pukul 08.00\nSasaran: anjing, kucing, kera\nMari lindungi keluarga dari rabies!"),
        ("formal", "Tim vaksinator keliling kembali turun ke desa-desa di {city}. Hingga pekan ini ribuan hewan penular rabies telah divaksin. Warga yang tergigit hewan diminta segera ke puskesmas."),
        ("slang", "Barusan anjing di rumah udh divaksin rabies sama petugas keliling di {kec}. gratis & cepet, mantap 👍"),
    ],
    topics=["vaksin rabies gratis"],
    news=[("Ribuan Anjing di {city} Divaksin Rabies, Petugas Sisir Desa-Desa",
           ["Dinas Peternakan {city_formal} menargetkan cakupan vaksinasi rabies pada hewan penular rabies mencapai 70 persen hingga akhir tahun.",
            "Vaksinasi dilakukan gratis oleh tim vaksinator yang mendatangi desa-desa. Warga diminta mengikat hewan peliharaan agar mudah divaksin.",
            "Dinas kesehatan mengingatkan, korban gigitan harus segera mencuci luka dengan sabun di air mengalir dan datang ke puskesmas untuk vaksin anti-rabies."])],
)
narrative(
    "dbd-meningkat", hoax=False, title="Kasus DBD meningkat di awal musim hujan, warga diimbau 3M Plus",
    topic="kesehatan-dbd", dynamics="active", daily=curve_active(35, start=0, trend=0.05),
    regions=[("33.10", 2, 0), ("33.74", 2, 0), ("34.71", 2, 1), ("34.04", 2, 1), ("35.09", 1, 2), ("18.71", 1, 2), ("52.71", 1, 3), ("32.73", 1, 3)],
    platforms={"government": 2, "kim": 2, "facebook": 3, "whatsapp": 3, "instagram": 1},
    slots={},
    templates=[
        ("formal", "Dinas Kesehatan {city} mencatat kasus demam berdarah dengue (DBD) meningkat sejak awal musim hujan. Warga diimbau melakukan 3M Plus dan segera memeriksakan diri bila demam lebih dari dua hari."),
        ("slang", "Anak tetangga di {kec} masuk RS kena DBD, trombositnya turun. Jaga kebersihan ya guys, kuras bak mandi, lagi musim hujan"),
        ("wa", "*Waspada DBD musim hujan* 🦟\nKasus DBD di {city} naik. Lakukan 3M Plus: menguras, menutup, mendaur ulang + pakai lotion anti nyamuk. Jika demam tinggi >2 hari, segera ke puskesmas."),
        ("formal", "Puskesmas {kec} mengajak warga melakukan gerakan satu rumah satu jumantik menyusul bertambahnya kasus DBD di {city} dalam sebulan terakhir."),
        ("slang", "Jumat bersih di RT kita sekarang fokus berantas sarang nyamuk ya, kasus DBD di {city} lagi naik. Yg punya ban bekas tolong disingkirkan 🙏"),
    ],
    topics=["kasus DBD naik"],
    news=[("Kasus DBD di {city} Naik di Awal Musim Hujan",
           ["Dinas Kesehatan {city_formal} mencatat kenaikan kasus demam berdarah dengue dalam sebulan terakhir seiring datangnya musim hujan.",
            "Sebagian besar pasien adalah anak usia sekolah. Dinkes meminta warga menggiatkan pemberantasan sarang nyamuk dengan 3M Plus.",
            "Warga yang mengalami demam tinggi lebih dari dua hari diminta segera memeriksakan diri ke puskesmas terdekat."])],
)


# =============================================================================================
# Everyday chatter (no narrative). Some are deliberate look-alikes of hoax topics.
# (register, template, constraints)   constraints: days=[...], weekday=n, provs=[...]
# =============================================================================================
CHATTER = [
    ("slang", "Hujan deres bgt di {place} dari sore, hati2 yg pulang kerja, {jalan} udah mulai tergenang"),
    ("formal", "Hujan lebat mengguyur {place} sejak siang. Beberapa ruas jalan di sekitar {kec} tergenang setinggi mata kaki, pengendara diminta berhati-hati."),
    ("slang", "Alhamdulillah akhirnya hujan jg di {place} setelah panas berhari2 🌧️"),
    ("slang", "Mendung gelap bgt di {kec}, jemuran buruan diangkat ibu2 😅"),
    ("jv", "Udan deres tenan neng {kec}, ati-ati dalane lunyu lur."),
    ("su", "Hujan gede pisan di {kec}, ati-ati di jalan nya wargi."),
    ("en", "Rain non-stop since morning di {place}, traffic jadi parah. Stay safe guys ☔"),
    ("formal", "Prakiraan cuaca BMKG: potensi hujan sedang hingga lebat disertai petir dan angin kencang di wilayah {prov} pada sore hingga malam hari. Waspada pohon tumbang."),
    ("slang", "Cek aplikasi cuaca BMKG katanya sore ini hujan petir di {place}, yg mau keluar bawa jas hujan ya"),
    ("formal", "Peringatan dini gelombang tinggi 2,5-4 meter di perairan {prov}. Nelayan diimbau tidak melaut dengan perahu kecil hingga beberapa hari ke depan.", {"coastal": True}),
    ("slang", "Barusan kerasa gempa kecil di {place}, cuma goyang dikit. Cek info BMKG katanya M4,2 gak berpotensi tsunami. Tetap tenang ya"),
    ("slang", "Macet parah di {jalan} arah {place}, ada truk mogok. Cari jalan alternatif ya gaes"),
    ("slang", "Lampu merah perempatan {jalan} mati, pelan2 kalo lewat situ"),
    ("formal", "Arus lalu lintas di {jalan}, {place} padat merayap pagi ini akibat perbaikan jalan. Pengendara disarankan melalui jalur alternatif."),
    ("en", "Traffic di {jalan} is crazy today, mending WFH aja deh 😩"),
    ("slang", "Ada kecelakaan motor di {jalan} {place}, udah ditangani polisi. Hati2 yg lewat, jalan licin"),
    ("slang", "Harga cabe rawit di {pasar} hari ini {harga_cabai}/kg, naik lagi 😩 masak apa ya"),
    ("formal", "Harga beras medium di {pasar}, {place} terpantau {harga_beras} per kilogram, relatif stabil dibanding pekan lalu."),
    ("slang", "Telur ayam turun jadi {harga_telur}/kg di {pasar}. Lumayan buat stok akhir bulan"),
    ("jv", "Regane lombok neng {pasar} saiki {harga_cabai} sekilo, larang tenan lur."),
    ("slang", "Beras di warung deket rumah {harga_beras}/kg, di {pasar} katanya lebih murah. ada yg tau?"),
    ("slang", "Ditemukan dompet coklat di sekitar {lokasi_umum} {place}, isinya KTP & SIM. Yg merasa kehilangan silakan DM ya"),
    ("slang", "Kucing oren hilang di {kec} sejak kemarin, pakai kalung merah, namanya Mochi 😿 kalau ada yg liat tolong kabari"),
    ("formal", "Telah ditemukan seorang lansia yang kebingungan di {lokasi_umum} {place}. Saat ini beliau berada di pos kamling setempat. Bagi keluarga yang merasa kehilangan harap menghubungi ketua RT."),
    ("slang", "Pasar malam di alun-alun {place} udah buka nih, sampe minggu depan. Yuk ramein 🎡"),
    ("formal", "Jalan sehat dalam rangka memperingati hari jadi {city} akan digelar Minggu pagi dengan start di {lokasi_umum}. Tersedia doorprize menarik."),
    ("slang", "Festival kuliner {kuliner} di {place} weekend ini, ada yg mau bareng?"),
    ("en", "Finally nyobain {kuliner} di {place}, worth it banget sih 🤤"),
    ("slang", "Rekomendasi {kuliner} paling enak di {place} dong, yg harganya masih ramah kantong"),
    ("slang", "{team} menang lagi!! Mantap, malam ini nobar di {lokasi_umum} ⚽🔥"),
    ("slang", "Tiket {team} buat laga kandang minggu ini udah bisa dibeli online, jangan beli di calo ya"),
    ("en", "What a game! {team} played so well tonight 🔥 proud of you"),
    ("formal", "Kerja bakti membersihkan saluran air RT {rt} akan dilaksanakan Minggu pukul 07.00. Mohon kehadiran bapak-bapak dengan membawa alat masing-masing."),
    ("slang", "Posyandu balita bulan ini {tgl_dekat}, jangan lupa bawa buku KIA ya ibu2 🙏"),
    ("slang", "Arisan ibu2 minggu ini pindah ke rumah Bu {nama}, jam 4 sore. Jangan telat yaa"),
    ("jv", "Sesuk Minggu kerja bakti resik-resik got neng RT {rt}, bapak-bapak dimohon rawuh jam pitu."),
    ("su", "Wargi RW {rt}, enjing aya kerja bakti ngabersihan solokan. Dihaturanan sumping jam 7."),
    ("formal", "Ronda malam RT {rt} mulai pekan ini kembali aktif. Jadwal piket sudah dibagikan di grup, mohon dipatuhi."),
    ("slang", "Open PO {produk} khas {place}, harga mulai 25rb, bisa COD area {kec}. Minat langsung chat ya kak 🙏"),
    ("slang", "Dijual motor {motor} th {tahun}, surat lengkap, pajak hidup, mulus. Lokasi {kec}. Nego tipis"),
    ("slang", "Ready {produk} homemade, fresh tiap hari, free ongkir area {kec} min. 2 pcs 😊"),
    ("en", "Pre-order {produk} is open! Limited stock, pickup di {kec} {place} ✨"),
    ("slang", "Ada rekomendasi bengkel motor yg jujur di {place}? Motor ku bunyi aneh terus"),
    ("slang", "Tukang servis AC di sekitar {kec} yg bagus & amanah siapa ya? Minta infonya dong"),
    ("slang", "Kantor Samsat {city} buka hari Sabtu gak ya? Mau bayar pajak motor"),
    ("slang", "Ada yg tau jadwal bus terakhir dari {place} ke {place2} gak? Mau mudik dadakan"),
    ("formal", "Mohon info, apakah perekaman KTP elektronik di Disdukcapil {city} sekarang harus ambil antrean online terlebih dahulu?"),
    ("slang", "Selamat pagi warga {place}, semoga hari ini lancar rezekinya 🙏☀️"),
    ("formal", "Pengajian rutin malam Jumat di masjid kampung kami dimulai ba'da Isya. Jamaah dimohon hadir tepat waktu."),
    ("slang", "Listrik mati di {kec} udah 2 jam, ada info dari PLN gak ya? 😩"),
    ("slang", "Alhamdulillah listrik udah nyala lagi di {kec}, tadi katanya ada pohon kena kabel"),
    ("slang", "Air PDAM di {kec} mati dari pagi, katanya ada perbaikan pipa. Ada yg tau sampe jam berapa?"),
    ("slang", "Air PDAM di rumah agak keruh abis hujan deres semalam, biasanya sehari dua hari jernih lagi sih"),
    ("slang", "Loker: dicari 2 org admin toko di {place}, min SMA/SMK, lamaran antar langsung ke toko. GRATIS tanpa biaya apapun ya"),
    ("formal", "Lowongan kerja: toko bangunan di {kec} membutuhkan tenaga gudang (pria, maks. 35 tahun). Lamaran diantar langsung, tidak dipungut biaya."),
    ("slang", "Pencairan PKH di kantor pos {city} katanya pekan depan, cek nama di kantor desa aja ya bukan lewat link2 gak jelas"),
    ("formal", "Penyaluran bantuan pangan beras 10 kg untuk keluarga penerima manfaat di {kec} dilaksanakan di balai desa mulai pukul 08.00. Harap membawa KTP dan undangan."),
    ("slang", "Anak2 di {place} mulai ujian semester minggu depan, semangat belajar nak 📚"),
    ("slang", "Rapat wali murid kelas 4 hari Sabtu jam 9, ada pembahasan study tour. Siapa yg bisa dateng?"),
    ("slang", "Anak gw tadi pulang sekolah udh disuntik imunisasi BIAS, cuma pegel dikit lengannya. Aman kok 👍"),
    ("formal", "Pohon tumbang menutup sebagian badan {jalan}, {place} sore tadi. Petugas BPBD dan warga sudah melakukan pemotongan, lalu lintas kembali normal."),
    ("formal", "Kebakaran melanda sebuah gudang di {kec} sore tadi. Api berhasil dipadamkan dalam satu jam, tidak ada korban jiwa."),
    ("slang", "Ada asap tebal di deket {lokasi_umum} {place}, ternyata bakar sampah. Kirain kebakaran 😅"),
    ("slang", "{wisata} rame bgt weekend ini, parkir sampe penuh. Mending dateng pagi"),
    ("en", "Sunset di {wisata} hari ini cakep banget 😍 #explore{prov_tag}"),
    ("formal", "Pelayanan SIM keliling hari ini berada di {lokasi_umum} {place}, pukul 08.00-12.00. Bawa KTP dan SIM lama."),
    ("slang", "Bikin KTP-el di Disdukcapil {city} skrg cepet ya, sejam jadi. Mantap 👍"),
    ("jv", "Lur, sing arep tuku {kuliner} neng {place} saiki antrine dawa tenan, sabar yo."),
    ("su", "Punten, aya nu terang tukang servis hape nu sae di {place}? Hape abdi kacemplung cai 😅"),
    ("slang", "Gaji UMR {city} segini buat ngontrak + makan + ongkos kok pas2an bgt ya 🥲"),
    ("slang", "Ada yg mau lari pagi bareng di {lokasi_umum} {place} tiap Minggu? Biar semangat hehe"),
    ("slang", "Parkir liar di depan {lokasi_umum} makin parah, tolong ditertibkan lah 😤"),
    ("formal", "Jalan berlubang di {jalan}, {place} sudah dua bulan belum diperbaiki. Warga berharap dinas terkait segera menindaklanjuti sebelum ada korban."),
    ("en", "Anyone knows coworking space yg enak di {place}? WiFi kenceng & ada colokan 🙏"),
    ("slang", "Mau tanya, puskesmas {kec} buka sampai jam berapa ya hari ini? Anak demam dari semalam"),
    ("slang", "Yg kemarin nanya kos deket kampus di {kec}, ini ada kamar kosong 900rb/bln sudah termasuk listrik. DM aja"),
    ("formal", "Turut berduka cita atas meninggalnya salah satu sesepuh kampung kami. Jenazah dimakamkan siang ini di pemakaman umum {kec}."),
    ("slang", "Sinyal di {kec} lagi jelek bgt dari pagi, provider lain juga gitu gak?"),
    ("slang", "Ada yg jual bibit cabai atau tomat di sekitar {place}? Mau coba nanem di pekarangan 🌱"),
    ("formal", "Selamat Hari Pahlawan! Upacara peringatan 10 November di {lokasi_umum} {place} berlangsung khidmat. Mari teladani semangat para pahlawan 🇮🇩", {"days": [3]}),
    ("slang", "Anak2 SD di {kec} pawai pakai baju pejuang buat Hari Pahlawan, lucu2 bgt 🇮🇩", {"days": [3]}),
    ("formal", "Memperingati Hari Kesehatan Nasional, puskesmas di {place} menggelar cek kesehatan gratis untuk lansia hari ini.", {"days": [5]}),
    ("slang", "Jumat berkah, jangan lupa sedekah walau sedikit 🤲", {"weekday": 4}),
    ("slang", "Minggu pagi car free day di {jalan} rame bgt, jajanan banyak 😋", {"weekday": 6}),
    ("slang", "Sabtu malam gini enaknya nongkrong di {lokasi_umum} sambil makan {kuliner} 😋", {"weekday": 5}),
]

OFFICIAL_CHATTER = [
    ("formal", "Jadwal pelayanan SIM keliling {city} hari ini: {lokasi_umum}, pukul 08.00-12.00. Syarat: KTP asli dan SIM lama."),
    ("formal", "Posyandu balita dan lansia di {kec} dilaksanakan {tgl_dekat}. Ibu-ibu dimohon membawa buku KIA. Imunisasi dasar lengkap gratis."),
    ("formal", "Pemerintah {city_formal} menggelar pasar murah di {kec}. Tersedia beras, minyak goreng, gula, dan telur dengan harga di bawah pasar. Stok terbatas."),
    ("formal", "Imbauan: memasuki puncak musim hujan, warga {city_formal} diminta waspada banjir, tanah longsor, dan pohon tumbang. Hubungi BPBD bila terjadi keadaan darurat."),
    ("formal", "KIM {city} mengadakan kelas literasi digital bagi ibu-ibu PKK di {kec}: mengenali hoaks, penipuan online, dan cara cek fakta sebelum berbagi."),
    ("formal", "Pelaksanaan Bulan Imunisasi Anak Sekolah (BIAS) di SD se-{city_formal} berlangsung hingga akhir November. Imunisasi aman, gratis, dan telah mendapat izin edar BPOM."),
    ("formal", "Layanan administrasi kependudukan jemput bola hadir di kantor kecamatan {kec} pada {tgl_dekat}. Warga dapat mengurus KTP-el, KK, dan akta kelahiran."),
    ("formal", "Pendaftaran PPPK tahun 2026 di lingkungan {city_formal} hanya melalui portal resmi nasional dan TIDAK DIPUNGUT BIAYA. Waspadai calo yang menjanjikan kelulusan."),
    ("formal", "Penyaluran bantuan pangan beras akhir tahun untuk KPM di {kec} berlangsung di kantor desa/kelurahan. Penerima membawa KTP dan undangan. Tidak ada pendaftaran lewat tautan."),
    ("formal", "Info lalu lintas: ada pekerjaan perbaikan jalan di {jalan}, {city}. Pengendara diimbau mengurangi kecepatan dan mengikuti arahan petugas."),
    ("formal", "Warga {city} dapat menyampaikan aduan pelayanan publik melalui kanal aduan resmi pemerintah daerah. Setiap laporan ditindaklanjuti paling lambat 3x24 jam."),
    ("formal", "Simulasi evakuasi bencana digelar di sekolah-sekolah {kec} pekan ini. Kegiatan ini rutin dan tidak terkait peringatan bencana tertentu."),
    ("formal", "Selamat Hari Pahlawan 10 November. Pemerintah {city_formal} menggelar upacara peringatan di {lokasi_umum}.", {"days": [3]}),
    ("formal", "Cek kesehatan gratis dalam rangka Hari Kesehatan Nasional ke-62 dibuka di seluruh puskesmas {city_formal} hari ini.", {"days": [5]}),
    ("formal", "Gerakan Jumat Bersih: ASN dan warga {kec} membersihkan saluran air untuk mencegah genangan dan sarang nyamuk.", {"weekday": 4}),
]

CHATTER_POOLS = {
    "harga_cabai": ["Rp 60.000", "Rp75 ribu", "80rb", "Rp95.000", "Rp 70rb"],
    "harga_beras": ["Rp 14.500", "Rp15.000", "13.800", "Rp 14.200"],
    "harga_telur": ["Rp 27.000", "Rp28.500", "26 ribu", "Rp 29rb"],
    "lokasi_umum": ["masjid agung", "alun-alun", "terminal", "stasiun", "GOR", "lapangan kecamatan", "kantor kecamatan", "taman kota", "balai desa"],
    "rt": ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "12"],
    "nama": ["Sri", "Yanti", "Ani", "Wati", "Rina", "Dewi", "Ida", "Nur", "Lina", "Tuti"],
    "produk": ["keripik tempe", "sambal bawang", "kue kering", "brownies", "frozen food", "bawang goreng", "rempeyek", "dimsum"],
    "motor": ["Beat", "Vario 125", "Supra X", "NMax", "Mio", "Scoopy"],
    "tahun": ["2015", "2017", "2018", "2019", "2020", "2021"],
}

REPLY_Q = [
    "Ini beneran? {topic}? Ada sumber resminya gak?",
    "Wah serem... {topic} itu beneran ada di {city}?",
    "Min tolong dicek dulu soal {topic}, jangan asal share",
    "Sodara saya di {city} bilang gak ada apa2 tuh soal {topic} 🤔",
    "Makasih infonya, soal {topic} langsung saya teruskan ke grup keluarga 🙏",
    "{topic} ini udah rame di grup WA dari kemarin, ada yg bisa konfirmasi?",
    "Ya Allah, {topic}... semoga gak bener 😢",
    "Sumbernya mana ya? {topic} kok gak ada di berita",
]
REPLY_DEBUNK = [
    "{topic} itu hoaks, udah dibantah {agency}. Tolong jangan disebar lagi 🙏",
    "Udah dicek, {topic} gak bener. Cek dulu sebelum share ya kak",
    "Hoaks itu, {topic} udah diklarifikasi {agency}. Jangan bikin panik warga",
]
REPLY_AGENCY = ["Diskominfo", "pemda", "polisi", "pihak berwenang", "instansi terkait", "akun resmi pemda"]

CLAR_TEMPLATES = {
    "gov": [
        "[KLARIFIKASI] Beredar pesan berantai yang menyebut {claim}. {agency} menegaskan informasi tersebut HOAKS. {fact}. {counter} #LawanHoaks",
        "Menanggapi informasi yang beredar di media sosial terkait {claim}, {agency} menyampaikan bahwa kabar tersebut tidak benar. {fact}. {fact2}. Masyarakat diimbau tidak ikut menyebarkan dan selalu memeriksa informasi melalui kanal resmi.",
        "‼️ CEK FAKTA ‼️\nKlaim: {claim_cap}\nFakta: {fact}.\n{counter}\n— {agency}",
        "[HOAKS] {title}\n\nPenjelasan: {fact}. {fact2}.\n\nSumber: {agency}. Laporkan konten hoaks melalui kanal aduan resmi.",
    ],
    "kim": [
        "Warga {city} yang budiman, kabar {claim} adalah HOAKS. {fact}. Mari saring sebelum sharing 🙏 #KIM{tag}",
        "[HOAKS] {title}. {fact}. {counter} Info resmi hanya dari kanal pemerintah daerah. #SaringSebelumSharing",
        "Klarifikasi dari KIM {city}: {claim_cap}? TIDAK BENAR. {fact}. Jangan ikut meneruskan ya, Bapak/Ibu 🙏",
    ],
    "kim_jv": [
        "Sedulur {city}, kabar bab {claim} punika HOAKS nggih. {fact}. Monggo dipun cek rumiyin sakderengipun dipun bagekaken 🙏 #KIM{tag}",
    ],
    "national": [
        "[HOAKS] {title}. {fact}. {fact2}. {counter}",
        "Klarifikasi: beredar pesan yang menyebut {claim}. Informasi tersebut tidak benar. {fact}. {counter}",
    ],
}

RESHARE_CLAR = [
    "Klarifikasi dari {agency}: {claim} itu HOAKS ya. {fact}. Mohon jgn disebar lagi 🙏",
    "Barusan ada pengumuman resmi {agency}, ternyata {claim} gak bener. Yg kemarin share tolong dihapus ya",
    "*KLARIFIKASI* dari {agency} 👇\n{claim_cap} = HOAKS. {fact}.",
]


# =============================================================================================
# News (RSS) templates: everyday regional news. Hoax-related news templates live in NARR[...]["news"].
# =============================================================================================
NEWS_ORDINARY = [
    ("Hujan Deras, Sejumlah Ruas Jalan di {city} Tergenang", "Peristiwa",
     ["Hujan deras yang mengguyur {city_formal} sejak sore membuat sejumlah ruas jalan tergenang, di antaranya {jalan} dan kawasan {kec}.",
      "Genangan setinggi 20 hingga 40 sentimeter sempat membuat arus lalu lintas tersendat. Petugas dinas pekerjaan umum dikerahkan untuk membersihkan saluran yang tersumbat sampah.",
      "BPBD setempat mengimbau warga mewaspadai potensi banjir dan pohon tumbang selama puncak musim hujan."]),
    ("Harga Cabai Rawit di {city} Tembus {harga_cabai} per Kilogram", "Ekonomi",
     ["Harga cabai rawit di {pasar} {city_formal} kembali naik dan kini mencapai {harga_cabai} per kilogram.",
      "Pedagang menyebut pasokan dari sentra produksi berkurang karena cuaca. \"Kalau hujan terus, banyak yang busuk di kebun,\" ujar seorang pedagang.",
      "Dinas perdagangan berencana menggelar operasi pasar bila kenaikan berlanjut hingga akhir bulan."]),
    ("Pasar Murah Jelang Akhir Tahun Digelar di {city}", "Ekonomi",
     ["Pemerintah {city_formal} menggelar pasar murah di kantor kecamatan {kec} untuk menjaga daya beli warga menjelang akhir tahun.",
      "Beras, minyak goreng, gula, dan telur dijual di bawah harga pasar. Setiap warga dibatasi pembeliannya agar merata.",
      "Pasar murah akan digelar bergiliran di seluruh kecamatan hingga pertengahan Desember."]),
    ("Ratusan Pelari Ramaikan Fun Run di {city}", "Gaya Hidup",
     ["Ratusan pelari dari berbagai komunitas memadati {lokasi_umum} {city_formal} untuk mengikuti fun run sejauh lima kilometer, Minggu pagi.",
      "Panitia menyebut kegiatan ini juga untuk menggalang dana perbaikan fasilitas olahraga di {kec}.",
      "Arus lalu lintas di sekitar lokasi sempat dialihkan selama dua jam."]),
    ("Jalan Rusak di {kec} Dikeluhkan Warga, Dinas PU Janji Perbaiki", "Daerah",
     ["Warga {kec}, {city_formal} mengeluhkan kerusakan jalan yang tak kunjung diperbaiki. Lubang-lubang di {jalan} kerap membuat pengendara motor terjatuh.",
      "Dinas pekerjaan umum setempat menyatakan perbaikan sudah masuk anggaran dan dijadwalkan mulai bulan depan.",
      "Sementara itu, warga memasang tanda peringatan dari ranting pohon di titik-titik berlubang."]),
    ("Pohon Tumbang Timpa Warung di {city}, Tak Ada Korban Jiwa", "Peristiwa",
     ["Sebuah pohon besar tumbang dan menimpa warung di tepi {jalan}, {city_formal}, saat hujan disertai angin kencang.",
      "Pemilik warung yang berada di dalam berhasil menyelamatkan diri. Petugas BPBD dan pemadam kebakaran memotong batang pohon untuk membuka akses jalan.",
      "BPBD meminta warga melaporkan pohon yang rapuh di sekitar permukiman."]),
    ("Festival Kuliner {kuliner} Digelar di {city}", "Gaya Hidup",
     ["Festival kuliner yang menampilkan {kuliner} dan aneka jajanan lokal digelar di {lokasi_umum} {city_formal} selama tiga hari.",
      "Puluhan pelaku UMKM ikut meramaikan festival. Panitia menargetkan puluhan ribu pengunjung.",
      "Selain kuliner, festival juga diisi pentas seni pelajar dan lomba memasak."]),
    ("Disdukcapil {city} Buka Layanan Adminduk Akhir Pekan", "Daerah",
     ["Dinas Kependudukan dan Pencatatan Sipil {city_formal} membuka layanan pada Sabtu untuk melayani warga yang bekerja pada hari kerja.",
      "Layanan meliputi perekaman KTP elektronik, pencetakan kartu keluarga, dan akta kelahiran.",
      "Warga diimbau mengambil nomor antrean melalui kanal resmi agar tidak menumpuk di lokasi."]),
    ("BPBD {city} Siagakan Personel Hadapi Puncak Musim Hujan", "Peristiwa",
     ["BPBD {city_formal} menyiagakan personel dan peralatan untuk menghadapi puncak musim hujan yang diperkirakan berlangsung hingga Februari.",
      "Wilayah rawan banjir dan longsor, termasuk sebagian {kec}, menjadi prioritas pemantauan.",
      "Warga diminta segera melapor bila terjadi kejadian darurat melalui layanan darurat."]),
    ("Ribuan Pelajar {city} Ikuti Bulan Imunisasi Anak Sekolah", "Kesehatan",
     ["Ribuan pelajar sekolah dasar di {city_formal} mengikuti Bulan Imunisasi Anak Sekolah (BIAS) yang berlangsung sepanjang November.",
      "Petugas puskesmas mendatangi sekolah untuk memberikan imunisasi campak-rubela dan difteri-tetanus sesuai jenjang kelas.",
      "Dinas kesehatan menyebut imunisasi gratis dan aman, dengan efek samping ringan seperti nyeri di bekas suntikan."]),
    ("{team} Raih Kemenangan di Kandang, Suporter Bersuka Cita", "Olahraga",
     ["{team} meraih kemenangan pada laga kandang lanjutan liga yang disaksikan ribuan suporter.",
      "Pelatih memuji disiplin pemain yang tampil solid sejak menit awal. Kemenangan ini mendongkrak posisi tim di klasemen.",
      "Suporter merayakan kemenangan dengan tertib dan membubarkan diri tanpa insiden."]),
    ("UMKM {city} Didorong Masuk Pasar Digital", "Ekonomi",
     ["Pemerintah {city_formal} menggelar pelatihan pemasaran digital bagi puluhan pelaku UMKM di {kec}.",
      "Peserta diajari memotret produk, menulis deskripsi, hingga mengelola pesanan di lokapasar.",
      "Pendamping UMKM mengingatkan peserta untuk mewaspadai tawaran pinjaman modal dari pihak yang tidak berizin."]),
    ("Kebakaran Gudang di {kec}, Kerugian Ditaksir Ratusan Juta", "Peristiwa",
     ["Sebuah gudang di {kec}, {city_formal} terbakar sore tadi. Api diduga berasal dari korsleting listrik.",
      "Empat unit mobil pemadam dikerahkan dan api berhasil dipadamkan dalam satu jam. Tidak ada korban jiwa.",
      "Polisi masih menyelidiki penyebab pasti kebakaran."]),
    ("Kunjungan Wisatawan ke {wisata} Meningkat Jelang Libur Akhir Tahun", "Wisata",
     ["Kunjungan wisatawan ke {wisata} mulai meningkat menjelang libur akhir tahun.",
      "Pengelola menambah petugas kebersihan dan keamanan. Pedagang di sekitar lokasi mengaku omzet naik.",
      "Wisatawan diimbau memperhatikan cuaca dan mengikuti arahan petugas di lokasi."]),
    ("Nelayan {city} Diimbau Waspada Gelombang Tinggi", "Peristiwa",
     ["BMKG mengeluarkan peringatan dini gelombang tinggi 2,5 hingga 4 meter di perairan {prov_name} beberapa hari ke depan.",
      "Nelayan di {city_formal} diimbau tidak melaut dengan perahu kecil. Sebagian nelayan memilih memperbaiki jaring di darat.",
      "Peringatan ini merupakan prakiraan cuaca maritim rutin dan tidak berkaitan dengan gempa bumi."], {"coastal": True}),
    ("Kecelakaan Beruntun di {jalan}, Dua Orang Luka Ringan", "Peristiwa",
     ["Kecelakaan beruntun melibatkan tiga kendaraan terjadi di {jalan}, {city_formal}, pagi tadi.",
      "Dua pengendara motor mengalami luka ringan dan dibawa ke puskesmas terdekat. Polisi menduga jalan licin setelah hujan menjadi penyebab.",
      "Arus lalu lintas sempat tersendat sekitar satu jam."]),
    ("Pasokan Air PDAM di Sebagian {city} Terganggu karena Perbaikan Pipa", "Daerah",
     ["Pasokan air PDAM di sebagian wilayah {kec}, {city_formal} terganggu akibat perbaikan pipa transmisi yang bocor.",
      "PDAM menyiagakan truk tangki untuk membantu warga yang terdampak. Perbaikan ditargetkan selesai dalam 24 jam.",
      "Pelanggan diminta menyimpan air secukupnya dan melapor melalui layanan pengaduan bila air belum mengalir."]),
    ("Gangguan Listrik di {kec} Pulih dalam Dua Jam", "Daerah",
     ["Aliran listrik di sebagian wilayah {kec}, {city_formal} sempat padam sekitar dua jam akibat dahan pohon menimpa jaringan saat angin kencang.",
      "Petugas PLN langsung melakukan perbaikan dan listrik kembali menyala menjelang malam.",
      "PLN mengimbau warga melaporkan pohon yang berdekatan dengan kabel listrik."]),
    ("Pendaftaran PPPK Pemda {city} Dibuka Lewat Portal Resmi, Tanpa Biaya", "Pendidikan",
     ["Pemerintah {city_formal} membuka pendaftaran PPPK untuk formasi guru dan tenaga kesehatan melalui portal resmi nasional.",
      "Badan kepegawaian daerah menegaskan seluruh tahapan seleksi tidak dipungut biaya dan tidak ada jalur khusus.",
      "Pelamar diminta mewaspadai pihak yang menjanjikan kelulusan dengan imbalan uang."]),
    ("Bantuan Pangan Akhir Tahun Mulai Disalurkan di {city}", "Daerah",
     ["Penyaluran bantuan pangan beras untuk keluarga penerima manfaat mulai dilakukan di {city_formal}.",
      "Penerima mengambil bantuan di kantor desa atau kelurahan dengan membawa KTP dan undangan.",
      "Dinas sosial menegaskan tidak ada pendaftaran bantuan melalui tautan yang beredar di media sosial."]),
    ("KIM {city} Latih Warga Kenali Hoaks dan Penipuan Online", "Teknologi",
     ["Kelompok Informasi Masyarakat (KIM) {city} menggelar pelatihan literasi digital bagi pengurus RT dan ibu-ibu PKK di {kec}.",
      "Peserta diajak mengenali ciri pesan berantai, tautan palsu, dan file berbahaya di aplikasi percakapan.",
      "Pelatihan ini akan dilanjutkan di kecamatan lain hingga akhir tahun."]),
    ("Peringatan Hari Pahlawan di {city} Berlangsung Khidmat", "Daerah",
     ["Upacara peringatan Hari Pahlawan digelar di {lokasi_umum} {city_formal} dan diikuti ASN, TNI-Polri, pelajar, serta veteran.",
      "Usai upacara, peserta melakukan tabur bunga di taman makam pahlawan.",
      "Kepala daerah mengajak generasi muda meneladani semangat pengorbanan para pahlawan."], {"days": [3]}),
    ("Inflasi {prov_name} Terkendali, Harga Beras Stabil", "Ekonomi",
     ["Badan Pusat Statistik mencatat inflasi tahunan {prov_name} masih dalam rentang sasaran.",
      "Harga beras relatif stabil, sementara cabai dan bawang merah menjadi penyumbang inflasi bulanan.",
      "Pemerintah daerah menyiapkan gerakan pangan murah menjelang Natal dan Tahun Baru."]),
]

# Fact-check schedule inside the 16 days: (day index, narrative, verdict, title, First Draft category, claim filter)
FC_SCHEDULE = [
    (3, "vaksin-microchip", "HOAKS", "Vaksin MR di Sekolah Mengandung Microchip Pelacak dan Bikin Anak Lumpuh", "konten palsu (fabricated content)", {"must": ["chip"]}),
    (6, "vaksin-microchip", "DISINFORMASI", "Video Dokter Luar Negeri Sebut Vaksin Imunisasi Sekolah Berisi Chip Graphene", "konteks yang salah (false context)", {"must": ["graphene"]}),
    (5, "kpu-surat-suara", "SALAH", "Video Surat Suara Tercoblos Ditemukan di Gudang KPU Medan", "konteks yang salah (false context)", {"regions": ["12.71"]}),
    (11, "kpu-surat-suara", "MISLEADING", "Karung Surat Suara di Gudang KPU Disebut Disiapkan untuk Pemilu 2029", "konten yang menyesatkan (misleading content)", {"must": ["pemilu 2029"]}),
    (3, "bansos-link", "PENIPUAN", "Link Pendaftaran BLT Kesra Akhir Tahun dari Kemensos", "konten tiruan (imposter content)", {"must": ["BLT Kesra"]}),
    (10, "bansos-link", "PENIPUAN", "Pesan Aktivasi Penerima Bansos PKH Tahap 4 Lewat Tautan", "konten tiruan (imposter content)", {"must": ["PKH"]}),
    (6, "pinjol-ilegal", "PENIPUAN", "Pinjaman Online DanaKilat Mengaku Resmi OJK, Cair Tanpa Jaminan", "konten tiruan (imposter content)", {"must": ["DanaKilat"]}),
    (4, "penculikan-anak-van", "HOAKS", "Penculikan Anak Bermodus Mobil Van di Malang", "konten palsu (fabricated content)", {"regions": ["35.73", "35.07"]}),
    (8, "penculikan-anak-van", "HOAKS", "Sindikat Penculik Anak Ambil Organ Korban Beraksi di Solo dan Sukoharjo", "konten palsu (fabricated content)", {"regions": ["33.72", "33.11"]}),
    (13, "penculikan-anak-van", "SALAH", "Percobaan Penculikan Anak oleh Mobil Van di Sleman dan Bandung", "konteks yang salah (false context)", {"regions": ["34.04", "32.73"]}),
    (3, "sara-bentrok", "DISINFORMASI", "Bentrok Antarkelompok dan Pembakaran Rumah Ibadah di Makassar", "konten yang dimanipulasi (manipulated content)", {"regions": ["73.71"]}),
    (5, "bbm-pertalite-naik", "HOAKS", "Harga Pertalite Naik Jadi Rp15.000 per Liter Mulai 1 Desember 2026", "konten tiruan (imposter content)", {"must": ["Pertalite"]}),
    (12, "bbm-pertalite-naik", "KLARIFIKASI", "Pertamina: Tidak Ada Kenaikan Harga Pertalite, Surat Edaran yang Beredar Palsu", "konten tiruan (imposter content)", {"must": ["Pertalite"]}),
    (6, "rekrutmen-cpns-bumn", "PENIPUAN", "Lowongan Kerja BUMN Jalur Khusus Tanpa Tes Penempatan Kalimantan Timur", "konten tiruan (imposter content)", {"provs": ["64"]}),
    (12, "rekrutmen-cpns-bumn", "PENIPUAN", "Pengumuman Lulus Seleksi Calon Pegawai dengan Biaya Pelatihan", "konten tiruan (imposter content)", {"must": ["LULUS"]}),
    (7, "pln-padam-total", "HOAKS", "PLN Padamkan Listrik Total Se-Jawa-Bali Selama Tiga Hari", "konten palsu (fabricated content)", {"provs": ["31", "32", "33", "34", "35", "36", "51"]}),
    (11, "pln-padam-total", "KLARIFIKASI", "PLN Bantah Rencana Pemadaman Total, Hanya Ada Pemeliharaan Terjadwal", "konten yang dimanipulasi (manipulated content)", {}),
    (15, "token-listrik-gratis", "PENIPUAN", "Link Klaim Token Listrik Gratis dari Pemerintah", "konten tiruan (imposter content)", {}),
    (7, "herbal-dbd", "MISLEADING", "Rebusan Daun Pepaya Sembuhkan DBD dalam Semalam Tanpa ke Rumah Sakit", "konten yang menyesatkan (misleading content)", {"must": ["pepaya"]}),
    (13, "herbal-dbd", "SALAH", "Pesan Mengatasnamakan Dokter: Pasien DBD Cukup Minum Ramuan, Tak Perlu Dirawat", "konten tiruan (imposter content)", {"must": ["dokter"]}),
    (8, "helikopter-semprot", "HOAKS", "Penyemprotan dari Helikopter Malam Ini Pukul 23.00 (Hoaks Lama Beredar Lagi)", "konten palsu (fabricated content)", {}),
    (14, "bmkg-megathrust", "HOAKS", "BMKG Prediksi Gempa Megathrust dan Tsunami pada 28 November 2026", "konten tiruan (imposter content)", {}),
    (15, "bmkg-megathrust", "HOAKS", "Peta Zona Merah Tsunami 28 November Versi BMKG", "konten yang dimanipulasi (manipulated content)", {"must": ["Peta"]}),
]
# Fact-checks of claims that never circulate in the sample posts (distractors for claim matching).
FC_UNRELATED = [
    (2, "SALAH", "Video Banjir Bandang Disebut Terjadi di Lombok Pekan Ini",
     "Video banjir bandang menerjang permukiman di Lombok hari ini, warga mengungsi ke masjid. Doakan saudara kita 🙏",
     "Video tersebut merupakan rekaman banjir bandang di negara lain beberapa tahun lalu. Tidak ada laporan banjir bandang di Lombok pada pekan ini menurut BPBD setempat.",
     "konteks yang salah (false context)"),
    (9, "PENIPUAN", "Akun WhatsApp Mengatasnamakan Camat Minta Transfer Dana Kegiatan",
     "Selamat siang, saya Camat. Mohon bantuan transfer dana talangan kegiatan kecamatan hari ini, nanti diganti dari anggaran. Kirim ke rekening bendahara kami.",
     "Camat yang namanya dicatut menegaskan tidak pernah menghubungi warga atau perangkat desa untuk meminta transfer dana. Akun tersebut menggunakan foto profil yang diambil dari media sosial.",
     "konten tiruan (imposter content)"),
    (12, "HOAKS", "Foto Buaya Muncul di Kolam Renang Umum Saat Musim Hujan",
     "Hati-hati!! Buaya masuk kolam renang umum setelah hujan deras semalam. Jangan bawa anak berenang dulu!!",
     "Foto tersebut hasil rekayasa digital yang pernah beredar di luar negeri. Pengelola kolam renang memastikan tidak ada hewan buas masuk ke area kolam.",
     "konten yang dimanipulasi (manipulated content)"),
]
# Older debunks for the archive feed (2019-2024). The 2021 item is the ancestor of helikopter-semprot.
FC_ARCHIVE = [
    (dt.datetime(2019, 10, 2, 14, 20), "id", "HOAKS", "Uang Koin Rp1.000 Bergambar Kelapa Sawit Dibeli Kolektor Rp100 Juta", "",
     "Dicari uang koin seribu gambar kelapa sawit tahun 2010, dibeli kolektor 100 juta per keping. Hubungi admin lewat tautan di bio.",
     "Bank Indonesia menyatakan tidak ada lembaga yang membeli uang rupiah dengan harga tersebut. Tawaran itu modus penipuan yang meminta korban membayar biaya administrasi."),
    (dt.datetime(2020, 4, 12, 9, 5), "rfc", "SALAH", "Berjemur Pukul 10 Pagi Membunuh Virus Corona", "",
     "Berjemurlah jam 10 pagi selama 15 menit, sinar matahari membunuh virus corona di tubuh. Sebarkan!",
     "Berjemur membantu pembentukan vitamin D, tetapi tidak membunuh virus di dalam tubuh. Klaim tersebut tidak didukung bukti ilmiah."),
    (dt.datetime(2021, 7, 19, 20, 45), "id", "HOAKS", "Penyemprotan Disinfektan dari Helikopter Malam Ini Pukul 23.00", "helikopter-semprot",
     HELI_2021,
     "Pemerintah daerah dan satgas penanganan COVID-19 memastikan tidak ada penyemprotan disinfektan dari helikopter. Pesan berantai serupa sudah beredar sejak 2020 dengan nama kota yang berganti-ganti."),
    (dt.datetime(2022, 3, 8, 11, 30), "rfc", "SALAH", "Minyak Goreng Curah Dicampur Plastik agar Tidak Cepat Habis", "",
     "Jangan beli minyak curah! Sekarang dicampur plastik supaya awet, kalau dipanaskan keluar asap hitam.",
     "Uji laboratorium tidak menemukan kandungan plastik pada sampel minyak goreng curah. Asap muncul karena minyak dipakai berulang kali."),
    (dt.datetime(2023, 5, 30, 16, 10), "rfc", "PENIPUAN", "Kuis Berhadiah Ulang Tahun Toko Swalayan di Facebook", "",
     "Selamat! Anda terpilih mendapatkan hadiah belanja 2 juta dalam rangka ulang tahun toko kami. Isi formulir dan bagikan ke 10 teman.",
     "Toko swalayan yang dicatut menyatakan tidak mengadakan kuis tersebut. Halaman yang ditautkan mengumpulkan data pribadi."),
    (dt.datetime(2023, 9, 12, 8, 0), "id", "HOAKS", "Foto Ular Piton Raksasa Ditemukan di Sungai Saat Kemarau", "",
     "Warga geger, ular piton sepanjang 15 meter ditemukan di sungai yang mengering. Ini fotonya!",
     "Foto tersebut hasil suntingan dari foto ular di kebun binatang luar negeri yang diperbesar secara digital."),
    (dt.datetime(2024, 2, 27, 13, 25), "rfc", "MISLEADING", "Video Antrean Beras Disebut Kelangkaan Stok Nasional", "",
     "Lihat antrean beras ini, stok beras nasional habis! Segera borong beras sebelum langka.",
     "Video merupakan antrean operasi pasar beras murah di satu kecamatan, bukan tanda kelangkaan nasional. Stok cadangan beras pemerintah dinyatakan aman."),
    (dt.datetime(2024, 10, 15, 10, 40), "id", "PENIPUAN", "Undian Ulang Tahun Bank via Tautan Berhadiah Mobil", "",
     "Dalam rangka HUT bank kami, nasabah setia berhak ikut undian berhadiah mobil. Klik tautan dan masukkan nomor kartu ATM Anda.",
     "Bank yang dicatut menegaskan tidak ada undian dengan meminta nomor kartu dan PIN. Tautan tersebut merupakan situs phishing."),
]


# =============================================================================================
# Generation machinery
# =============================================================================================
POSTS: list[dict] = []
_counters: dict = defaultdict(int)
_used_ids: dict = defaultdict(set)
_fb_group_ids: dict = {}
SOCIAL = ("whatsapp", "facebook", "instagram", "x", "telegram")

HOUR_W = {0: 0.6, 1: 0.3, 2: 0.2, 3: 0.15, 4: 0.35, 5: 1.2, 6: 2.5, 7: 3.4, 8: 3.4, 9: 3.1, 10: 3.0, 11: 3.0, 12: 3.4,
          13: 3.0, 14: 2.6, 15: 2.6, 16: 2.8, 17: 3.0, 18: 3.2, 19: 4.0, 20: 4.5, 21: 4.2, 22: 3.0, 23: 1.6}
OFFICE_W = {7: 1, 8: 3, 9: 4, 10: 4, 11: 3.5, 12: 2, 13: 3, 14: 3.5, 15: 3, 16: 2, 17: 1, 18: 0.6, 19: 0.8, 20: 0.5}
PLAT_REG = {
    "whatsapp": {"wa": 5, "long": 1.2, "slang": 2, "formal": 1.5, "jv": 1.2, "su": 1.2, "en": 0.3},
    "facebook": {"formal": 3, "slang": 3, "wa": 2, "jv": 0.8, "su": 0.8, "en": 0.5, "long": 0.4},
    "instagram": {"slang": 3, "en": 2, "formal": 1, "wa": 0.4},
    "x": {"slang": 4, "en": 2, "formal": 1.5},
    "telegram": {"formal": 3, "wa": 2, "slang": 1, "long": 0.5, "en": 0.3},
    "government": {"formal": 5, "wa": 1},
    "kim": {"formal": 4, "wa": 2, "slang": 0.3},
}


def make_ts(day: int, tz: dt.timezone, hours=None, late=False, after: dt.datetime | None = None) -> dt.datetime:
    d = DAYS[day]
    if late:
        d = d - dt.timedelta(days=1)
        h = rng.choice([21, 22, 23])
    else:
        h = wchoice(hours or HOUR_W)
    ts = dt.datetime(d.year, d.month, d.day, h, rng.randint(0, 59), rng.randint(0, 59), tzinfo=tz)
    if after is not None:
        a = after.astimezone(tz)
        cand = a + dt.timedelta(minutes=rng.randint(2, 240))
        if cand.date() != DAYS[day]:
            cand = a + dt.timedelta(minutes=rng.randint(1, 8))
        if cand.date() != DAYS[day]:
            cand = dt.datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=tz)
        ts = cand.replace(microsecond=0)
    return ts


def new_id(src: Src, ts: dt.datetime, day: int) -> str:
    while True:
        p = src.platform
        if p == "whatsapp":
            _counters[(src.source, day)] += 1
            pid = f"wa-{DAYS[day]:%Y%m%d}-{_counters[(src.source, day)]:04d}"
        elif p == "facebook":
            if src.source not in _fb_group_ids:
                _fb_group_ids[src.source] = str(rng.randint(10 ** 14, 10 ** 15 - 1))
            pid = f"{_fb_group_ids[src.source]}_{rng.randint(10 ** 15, 10 ** 16 - 1)}"
        elif p == "instagram":
            pid = "".join(rng.choice(string.ascii_letters + string.digits + "_-") for _ in range(11))
        elif p == "x":
            ms = int(ts.timestamp() * 1000)
            pid = str(((ms - 1288834974657) << 22) | rng.getrandbits(22))
        elif p == "telegram":
            if (src.source, "tg") not in _counters:
                _counters[(src.source, "tg")] = rng.randint(1200, 8800)
            _counters[(src.source, "tg")] += rng.randint(1, 4)
            pid = str(_counters[(src.source, "tg")])
        else:  # government / kim
            _counters[(src.source, day)] += 1
            pid = f"{src.source.split('-')[0]}-{DAYS[day]:%Y%m%d}-{_counters[(src.source, day)]:02d}"
        if pid not in _used_ids[src.source]:
            _used_ids[src.source].add(pid)
            return pid


def short_title(text: str, limit: int = 90) -> str:
    """A headline-like title from the first sentence/line of an official post."""
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0]
    first = re.sub(r"[*_📢⚡🐕🦟‼️]+", "", first).strip(" :.-")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def lang_for(register: str | None) -> str:
    return {"jv": "jv", "su": "su", "en": "en"}.get(register or "", "id")


def add_post(day, region, src: Src, text, key, kind, register=None, ts=None, author=None, title=None, reply_to=None,
             dup_of=None, dup_kind=None, late_ok=True):
    tz = tz_of(src.home) if src.home else (tz_of(region) if region else dt.timezone(dt.timedelta(hours=7)))
    late = False
    if ts is None:
        late = late_ok and day > 0 and rng.random() < 0.015
        ts = make_ts(day, tz, OFFICE_W if src.official else HOUR_W, late)
    rec = dict(day=day, region=region, source=src.source, id=new_id(src, ts, day), text=text, ts=ts, platform=src.platform,
               author=author or pick_author(src), key=key, kind=kind, register=register, late=late, title=title,
               reply_to=reply_to, dup_of=dup_of, dup_kind=dup_kind)
    POSTS.append(rec)
    return rec


def pick_source(platform: str, region: str, key: str | None = None, chatter=False, exclude: str | None = None) -> Src | None:
    prov = prov_of(region)
    cands = []
    for s in SOURCES:
        if s.official or s.platform != platform or s.source == exclude:
            continue
        if chatter and not s.chatter:
            continue
        if s.home == region:
            w = 5
        elif s.home == prov:
            w = 3
        elif s.home and prov_of(s.home) == prov:
            w = 0.7
        elif s.home == "":
            if chatter:
                w = 0
            elif key in s.topics:
                w = 6
            elif s.source in ("x-search-hoaks", "wa-tipline-aduan"):
                w = 1.5
            else:
                w = 0
        else:
            w = 0
        if w > 0:
            cands.append((s, w))
    return wchoice(cands) if cands else None


def pick_source_any(platform: str, region: str, key=None, chatter=False, exclude=None) -> Src:
    if not chatter and key and platform in ("whatsapp", "facebook") and rng.random() < 0.07:
        far = [s for s in SOURCES if s.platform == platform and not s.official and s.home and prov_of(s.home) != prov_of(region)]
        return rng.choice(far)
    for p in [platform, "facebook", "whatsapp", "telegram", "instagram", "x"]:
        s = pick_source(p, region, key, chatter, exclude)
        if s:
            return s
    raise RuntimeError(f"no source for {region}")


def officials_for(region: str) -> list[Src]:
    """Diskominfo/KIM/pemda accounts covering a region (police and PDAM humas only speak on their own topics)."""
    return [s for s in SOURCES if s.official and s.kind in ("gov", "kim") and not s.source.startswith("humas-")
            and (s.home == region or s.home == prov_of(region))]


def pick_template(templates, platform: str, region: str | None):
    prov = prov_of(region) if region else ""
    weights = PLAT_REG.get(platform, {})
    pairs = []
    for reg, tpl in templates:
        w = weights.get(reg, 0.2 if platform in SOCIAL else 0)
        if reg == "jv" and prov not in JAVANESE_PROVS:
            w = 0
        if reg == "su" and prov not in SUNDANESE_PROVS:
            w = 0
        pairs.append(((reg, tpl), w))
    if not any(w > 0 for _, w in pairs):
        pairs = [(p, 1) for p, _ in pairs]
    return wchoice(pairs)


def narr_text(N: dict, register: str, tpl: str, region: str, day: int, platform: str) -> str:
    text = render(tpl, region, {**region_pools(region, day), **N["slots"]})
    if platform in SOCIAL:
        if register == "formal" and rng.random() < 0.2:
            text = slangify(text, 0.5)
        if platform == "whatsapp" and register not in ("wa", "long") and rng.random() < 0.3:
            text = wa_decorate(text)
        if register == "slang" and rng.random() < 0.25:
            text = stretch(text)
        if register == "wa" and rng.random() < 0.08 and len(text) < 320:
            text = text.upper()
    return text


def first_day(N: dict) -> int:
    return next(i for i, x in enumerate(N["daily"]) if x > 0)


def daily_counts(N: dict) -> list[int]:
    out = []
    for x in N["daily"]:
        if x <= 0:
            out.append(0)
        elif N["dynamics"] == "emerging" or N["dynamics"] == "recycled":
            out.append(max(1, int(round(x * rng.uniform(0.9, 1.1)))))
        else:
            out.append(max(0, int(round(x * rng.uniform(0.7, 1.3)))))
    return out


def gen_narrative_post(key: str, day: int):
    N = NARR[key]
    f = first_day(N)
    avail = [(c, w) for c, w, off in N["regions"] if day >= f + off] or [(N["regions"][0][0], 1)]
    region = wchoice(avail)
    platform = wchoice(N["platforms"])
    src = None
    if platform in ("government", "kim"):
        offs = [s for s in officials_for(region) if s.platform == platform] or officials_for(region)
        src = rng.choice(offs) if offs else None
        if src is None:
            platform = "facebook"
    if src is None:
        src = pick_source_any(platform, region, key)
    register, tpl = pick_template(N["templates"], src.platform, region)
    text = narr_text(N, register, tpl, region, day, src.platform)
    title = None
    if src.official:
        title = short_title(text)
    rec = add_post(day, region, src, text, key, "narr", register, late_ok=(N["dynamics"] not in ("emerging",)), title=title)
    # replies in threads (X, Facebook, Telegram)
    if N["hoax"] and src.platform in ("x", "facebook", "telegram") and rng.random() < 0.16:
        debunk = day >= f + 2 and rng.random() < 0.25
        tpl = rng.choice(REPLY_DEBUNK if debunk else REPLY_Q)
        topic = render(rng.choice(N["topics"]), region, N["slots"])
        text = render(tpl, region, {**region_pools(region, day), "agency": REPLY_AGENCY}, fixed={"topic": topic})
        text = text[0].upper() + text[1:]
        others = [a for a in (src.authors or []) if a != rec["author"]]
        add_post(day, region, src, text, ("clarification:" + key) if debunk else key, "reply", "slang",
                 ts=make_ts(day, rec["ts"].tzinfo, after=rec["ts"]), author=rng.choice(others) if others and rng.random() < 0.7 else None,
                 reply_to=rec["id"])


def chatter_pools(region: str, day: int) -> dict:
    prov = prov_of(region)
    p = {**region_pools(region, day), **CHATTER_POOLS}
    p["jalan"] = local(region, "jalan")
    for k in ("pasar", "kuliner", "team", "wisata"):
        v = local(region, k)
        if v:
            p[k] = v
    same = [c for c in REG if prov_of(c) == prov and c != region]
    p["place2"] = lambda r, same=same: city_short(rng.choice(same)) if same and rng.random() < 0.6 else city_short(rng.choice(list(REG)))
    p["prov_tag"] = lambda r: PROV[prov_of(r)][1][0].replace(" ", "")
    return p


def pick_chatter_template(templates, platform: str, region: str, day: int, pools: dict):
    wd = DAYS[day].weekday()
    ok = []
    for t in templates:
        reg, tpl = t[0], t[1]
        cons = t[2] if len(t) > 2 else {}
        if "days" in cons and day not in cons["days"]:
            continue
        if "weekday" in cons and wd != cons["weekday"]:
            continue
        if cons.get("coastal") and region in INLAND:
            continue
        if any(s.rstrip("0123456789") not in pools for s in slots_in(tpl)):
            continue
        ok.append((reg, tpl, "days" in cons or "weekday" in cons))
    reg_w = PLAT_REG.get(platform, {})
    pairs = []
    for reg, tpl, special in ok:
        w = reg_w.get(reg, 0.3) * (4 if special else 1)
        if reg == "jv" and prov_of(region) not in JAVANESE_PROVS:
            w = 0
        if reg == "su" and prov_of(region) not in SUNDANESE_PROVS:
            w = 0
        pairs.append(((reg, tpl), w))
    return wchoice(pairs)


def gen_chatter(day: int):
    weekend = DAYS[day].weekday() >= 5
    n = int(round(31 * (1.12 if weekend else 1.0) * rng.uniform(0.88, 1.12)))
    region_w = {c: v[3] for c, v in REG.items()}
    for _ in range(n):
        region = wchoice(region_w)
        platform = wchoice({"whatsapp": 3, "facebook": 4, "instagram": 1.5, "x": 1.6, "telegram": 0.6})
        src = pick_source_any(platform, region, chatter=True)
        pools = chatter_pools(region, day)
        register, tpl = pick_chatter_template(CHATTER, src.platform, region, day, pools)
        text = render(tpl, region, pools)
        if register == "formal" and src.platform in SOCIAL and rng.random() < 0.15:
            text = slangify(text, 0.4)
        add_post(day, region, src, text, "", "chatter", register)
    # routine posts by official accounts
    for s in SOURCES:
        if s.official and s.kind in ("gov", "kim") and not s.source.startswith("humas-") and rng.random() < 0.15:
            region = s.home if s.home in REG else rng.choice([c for c in REG if prov_of(c) == s.home])
            pools = chatter_pools(region, day)
            register, tpl = pick_chatter_template(OFFICIAL_CHATTER, s.platform, region, day, pools)
            text = render(tpl, region, pools)
            add_post(day, region, s, text, "", "official", register, title=short_title(text))


def gen_duplicates():
    """Exact re-posts by other accounts and near-duplicate forwards (~10-15 % of social posts)."""
    originals = [p for p in POSTS if p["kind"] in ("narr", "chatter") and not SRC[p["source"]].official]
    for p in originals:
        key = p["key"]
        if key and NARR[key]["hoax"]:
            prob = 0.15
        elif key:
            prob = 0.06
        else:
            prob = 0.035
        if rng.random() >= prob:
            continue
        n = wchoice({1: 7, 2: 2, 3: 0.7, 4: 0.3})
        for _ in range(n):
            day = p["day"] if (rng.random() < 0.7 or p["day"] == NDAYS - 1) else p["day"] + 1
            exact = rng.random() < 0.45
            platform = wchoice({"whatsapp": 6, "facebook": 2.5, "telegram": 0.8, "x": 0.7})
            src = pick_source_any(platform, p["region"], key or None, chatter=not key)
            text = p["text"] if exact else near_dup(p["text"])
            after = p["ts"] if day == p["day"] else None
            ts = make_ts(day, tz_of(src.home) if src.home else tz_of(p["region"]), after=after)
            add_post(day, p["region"], src, text, key, "dup", p["register"], ts=ts,
                     dup_of=(p["source"], p["id"]), dup_kind="exact" if exact else "near")


FIRST_SEEN: dict = {}


def compute_first_seen():
    FIRST_SEEN.clear()
    for p in POSTS:
        k = p["key"]
        if k and not k.startswith("clarification:") and p["region"]:
            cur = FIRST_SEEN.get((k, p["region"]))
            if cur is None or p["day"] < cur:
                FIRST_SEEN[(k, p["region"])] = p["day"]


OFFICIAL_TOPICS = {
    "humas-polres-malang": {"penculikan-anak-van", "sara-bentrok", "apk-undangan", "pinjol-ilegal", "bansos-link", "rekrutmen-cpns-bumn"},
    "humas-pdam-semarang": {"air-pdam-racun"},
}
CLARIFICATIONS: list[dict] = []


def clar_text(src: Src, key: str, region: str | None, day: int) -> tuple[str, str]:
    N = NARR[key]
    pools = {**(region_pools(region, day) if region else {}), **N["slots"]}
    fixed = {"city": city_formal(region) if region else "sejumlah daerah"}
    claim = render(rng.choice(N["clar_claims"]), region, pools, fixed=fixed)
    f1, f2 = rng.sample(N["facts"], 2)
    title = render(N["clar_title"], region, pools, fixed={"city": city_short(region) if region else "Sejumlah Daerah"})
    kind = src.kind
    tpls = CLAR_TEMPLATES["national" if kind == "national" else kind]
    if kind == "kim" and region and prov_of(region) in JAVANESE_PROVS and rng.random() < 0.35:
        tpls = CLAR_TEMPLATES["kim_jv"]
    text = render(rng.choice(tpls), region, {}, fixed={
        "claim": claim, "claim_cap": claim[0].upper() + claim[1:], "agency": src.display, "fact": f1, "fact2": f2,
        "counter": N["counter"], "title": title, "city": city_short(region) if region else "", "tag": re.sub(r"[^A-Za-z]", "", REG[region][0].replace("Kabupaten ", "").replace("Kota ", "")) if region else ""})
    return text, rng.choice(["[HOAKS] ", "[KLARIFIKASI] ", "Klarifikasi: "]) + title


def add_clarification(src: Src, key: str, region: str | None, day: int):
    text, title = clar_text(src, key, region, day)
    rec = add_post(day, region, src, text, "clarification:" + key, "clar", "formal", title=title, late_ok=False)
    CLARIFICATIONS.append(rec)
    # citizens re-share some official clarifications
    if rng.random() < 0.3 and region:
        d2 = day if rng.random() < 0.6 or day == NDAYS - 1 else day + 1
        N = NARR[key]
        claim = render(rng.choice(N["clar_claims"]), region, {**region_pools(region, d2), **N["slots"]}, fixed={"city": city_short(region)})
        t = render(rng.choice(RESHARE_CLAR), region, {}, fixed={"agency": src.display, "claim": claim, "claim_cap": claim[0].upper() + claim[1:],
                                                                 "fact": rng.choice(N["facts"])})
        s2 = pick_source_any(wchoice({"whatsapp": 4, "facebook": 2}), region, key)
        add_post(d2, region, s2, t, "clarification:" + key, "reshare", "wa",
                 ts=make_ts(d2, tz_of(s2.home) if s2.home else tz_of(region), after=rec["ts"] if d2 == day else None))


def gen_clarifications():
    compute_first_seen()
    hoax_keys = [k for k, N in NARR.items() if N["hoax"]]
    for src in SOURCES:
        if not src.official or src.kind not in ("gov", "kim"):
            continue
        topics = OFFICIAL_TOPICS.get(src.source)
        for key in hoax_keys:
            if topics is not None and key not in topics:
                continue
            seen = [(d, c) for (k, c), d in FIRST_SEEN.items() if k == key and (c == src.home or prov_of(c) == src.home)]
            if not seen:
                continue
            f, code = min(seen)
            p = 1.0 if src.source == "humas-pdam-semarang" else src.p_respond
            if rng.random() >= p:
                continue
            lag = 1 if src.source == "humas-pdam-semarang" else rng.choice(src.lags)
            day = f + lag
            if day >= NDAYS:
                continue
            add_clarification(src, key, code, day)
            if rng.random() < 0.3:
                d2 = day + rng.randint(2, 4)
                if d2 < NDAYS:
                    later = [c for (k, c), d in FIRST_SEEN.items() if k == key and d <= d2 and (c == src.home or prov_of(c) == src.home)]
                    add_clarification(src, key, rng.choice(later), d2)
    # national channels
    bmkg = SRC["bmkg-info-gempa"]
    for d in (14, 15):
        add_clarification(bmkg, "bmkg-megathrust", None, d)
    ais = SRC["komdigi-ais"]
    for d, key, *_ in FC_SCHEDULE:
        if rng.random() < 0.7:
            dd = min(NDAYS - 1, d + rng.choice([0, 0, 1]))
            add_clarification(ais, key, None, dd)


# =============================================================================================
# News feeds (RSS 2.0, WordPress style) and fact-check feeds
# =============================================================================================
NEWS: list[dict] = []
FACTCHECKS: list[dict] = []
REPORTERS = {
    "wartapantura": ["Redaksi Warta Pantura", "Kontributor Solo", "Kontributor Malang", "Tim Liputan Semarang", "Kontributor Jogja"],
    "kabartimur": ["Redaksi Kabar Timur", "Kontributor Kupang", "Kontributor Makassar", "Tim Liputan Jayapura", "Kontributor Ambon"],
    "sumateraterkini": ["Redaksi", "Tim Liputan Medan", "Kontributor Padang", "Kontributor Pekanbaru"],
    "metropriangan": ["Redaksi Metro Priangan", "Tim Liputan Bandung", "Kontributor Bekasi", "Kontributor Garut"],
}
_post_no: dict = {}


def slugify(s: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s[:80].rstrip("-")


def fmt_rfc822(ts: dt.datetime, indonesian=False) -> str:
    off = ts.utcoffset()
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    offs = f"{sign}{abs(mins) // 60:02d}{abs(mins) % 60:02d}"
    dn = (HARI3 if indonesian else EN_DAY3)[ts.weekday()]
    mn = (BULAN3 if indonesian else EN_MON3)[ts.month - 1]
    return f"{dn}, {ts.day:02d} {mn} {ts.year} {ts:%H:%M:%S} {offs}"


def news_item(portal: str, day: int, region: str, title: str, category: str, paras: list[str], key: str):
    P = PORTALS[portal]
    tz = tz_of(region)
    ts = make_ts(day, tz, {h: 1 + (h in (7, 8, 9, 10, 11, 13, 14, 15, 16, 19, 20)) for h in range(6, 23)})
    _post_no[portal] = _post_no.get(portal, rng.randint(40000, 90000)) + rng.randint(3, 40)
    slug = slugify(title)
    desc = paras[0]
    if len(desc) < 160 and len(paras) > 1:
        desc = desc + " " + paras[1]
    rec = dict(portal=portal, day=day, region=region, title=title, category=category, ts=ts, key=key,
               guid=f"https://{P['domain']}/?p={_post_no[portal]}",
               link=f"https://{P['domain']}/{DAYS[day]:%Y/%m/%d}/{slug}/",
               creator=rng.choice(REPORTERS[portal]), description=desc[:300].rsplit(" ", 1)[0] + " [&#8230;]" if len(desc) > 300 else desc,
               content="".join(f"<p>{xml_escape(x)}</p>\n" for x in paras),
               source=f"news-{portal}")
    NEWS.append(rec)
    return rec


def gen_news():
    compute_first_seen()
    covered: dict = {}
    for day in range(NDAYS):
        active = [p for p in PORTALS if rng.random() < 0.85 or PORTALS[p].get("iso_day") == day]
        while len(active) < 2:
            extra = rng.choice([p for p in PORTALS if p not in active])
            active.append(extra)
        active = [p for p in PORTALS if p in active]
        for portal in active:
            provs = PORTALS[portal]["provs"]
            for _ in range(wchoice({1: 3, 2: 4, 3: 1.5})):
                # hoax narratives seen in the portal's area during the last days
                cands = []
                for (k, c), d in FIRST_SEEN.items():
                    if prov_of(c) in provs and d <= day and NARR[k]["hoax"] and NARR[k]["news"]:
                        recent = sum(1 for p in POSTS if p["key"] == k and p["region"] == c and day - 4 <= p["day"] <= day)
                        if recent and covered.get((portal, k), -99) < day - 3:
                            cands.append(((k, c), recent))
                genuine = [(k, c) for (k, c), d in FIRST_SEEN.items() if prov_of(c) in provs and d <= day and not NARR[k]["hoax"]]
                r = rng.random()
                if cands and r < 0.42:
                    k, c = wchoice(cands)
                    covered[(portal, k)] = day
                    N = NARR[k]
                    title, paras = rng.choice(N["news"])
                    pools = {**region_pools(c, day), **N["slots"]}
                    fixed = {"city": city_short(c), "city_formal": city_formal(c)}
                    claim = render(rng.choice(N["clar_claims"]), c, pools, fixed={"city": city_formal(c)})
                    f1 = rng.choice(N["facts"])
                    fx = {**fixed, "claim": claim, "fact": f1, "counter": N["counter"]}
                    news_item(portal, day, c, render(title, c, pools, fixed=fx), "Cek Fakta",
                              [render(x, c, pools, fixed=fx) for x in paras], "clarification:" + k)
                elif genuine and r < 0.55:
                    k, c = rng.choice(genuine)
                    N = NARR[k]
                    title, paras = rng.choice(N["news"])
                    pools = {**region_pools(c, day), **N["slots"]}
                    fixed = {"city": city_short(c), "city_formal": city_formal(c)}
                    news_item(portal, day, c, render(title, c, pools, fixed=fixed), "Kesehatan" if "kesehatan" in N["topic"] else "Daerah",
                              [render(x, c, pools, fixed=fixed) for x in paras], k)
                else:
                    region = wchoice({c: v[3] for c, v in REG.items() if prov_of(c) in provs})
                    pools = {**chatter_pools(region, day), "city": city_short(region), "city_formal": city_formal(region),
                             "harga_cabai": ["Rp70.000", "Rp85.000", "Rp90.000", "Rp95.000"]}
                    ok = [t for t in NEWS_ORDINARY
                          if all(s.rstrip("0123456789") in pools for s in slots_in(t[0] + " ".join(t[2])))
                          and (len(t) < 4 or (day in t[3].get("days", [day]) and not (t[3].get("coastal") and region in INLAND)))]
                    title, cat, paras = rng.choice(ok)[:3]
                    cache_fixed = {"city": city_short(region), "city_formal": city_formal(region)}
                    for s in ("kec", "jalan", "pasar", "kuliner", "team", "wisata", "lokasi_umum", "harga_cabai"):
                        if s in pools:
                            v = pools[s]
                            cache_fixed[s] = v(region) if callable(v) else rng.choice(v)
                    news_item(portal, day, region, render(title, region, pools, fixed=cache_fixed), cat,
                              [render(x, region, pools, fixed=cache_fixed) for x in paras], "")


FC_REFS = {
    "vaksin-microchip": ["https://kemkes.example.id/berita/vaksin-bias-aman", "https://bpom.example.id/izin-edar-vaksin-mr"],
    "bmkg-megathrust": ["https://bmkg.example.id/berita/gempa-tidak-dapat-diprediksi", "https://bmkg.example.id/kajian-megathrust-bukan-prediksi"],
    "kpu-surat-suara": ["https://kpu.example.id/berita/klarifikasi-video-gudang-logistik", "https://bawaslu.example.id/pengawasan-pemusnahan-surat-suara"],
    "bansos-link": ["https://kemensos.example.id/siaran-pers/waspada-link-palsu", "https://cekbansos.example.id/"],
    "pinjol-ilegal": ["https://ojk.example.id/daftar-fintech-berizin", "https://ojk.example.id/siaran-pers/satgas-pasti"],
    "penculikan-anak-van": ["https://humas-polri.example.id/berita/isu-penculikan-anak-hoaks"],
    "sara-bentrok": ["https://polda.example.id/berita/situasi-kondusif", "https://fkub.example.id/imbauan-damai"],
    "bbm-pertalite-naik": ["https://pertamina.example.id/siaran-pers/harga-bbm-tidak-berubah"],
    "rekrutmen-cpns-bumn": ["https://bkn.example.id/berita/waspada-penipuan-cpns", "https://bumn.example.id/rekrutmen-bersama-resmi"],
    "pln-padam-total": ["https://pln.example.id/siaran-pers/tidak-ada-pemadaman-total"],
    "token-listrik-gratis": ["https://pln.example.id/siaran-pers/waspada-token-gratis"],
    "herbal-dbd": ["https://kemkes.example.id/berita/penanganan-dbd", "https://idai.example.id/artikel/dbd-pada-anak"],
    "helikopter-semprot": ["https://dinkes.example.id/fogging-dbd-di-darat"],
}
ARCHIVE_HELI_LINK = f"https://{FC_DOMAIN}/2021/07/19/hoaks-penyemprotan-disinfektan-dari-helikopter-malam-ini-pukul-23-00/"
MEDIUM = {"whatsapp": "pesan berantai di WhatsApp", "facebook": "unggahan di Facebook", "x": "cuitan di X", "telegram": "pesan di kanal Telegram",
          "instagram": "unggahan di Instagram"}
VERDICT_SENTENCE = {
    "HOAKS": "Informasi tersebut adalah hoaks.", "SALAH": "Klaim tersebut salah.", "DISINFORMASI": "Informasi tersebut merupakan disinformasi.",
    "MISLEADING": "Klaim tersebut menyesatkan (misleading).", "KLARIFIKASI": "Pihak terkait telah memberikan klarifikasi resmi bahwa informasi tersebut tidak benar.",
    "PENIPUAN": "Pesan tersebut merupakan modus penipuan.",
}
FC_WRITERS = ["Tim Cek Fakta", "Relawan Pemeriksa Fakta", "Redaksi Cek Hoaks", "Tim Verifikasi"]


def fc_item(ts, verdict, title, claim, medium, expl: list[str], counter, category, refs, key, file, quoted=None):
    link = f"https://{FC_DOMAIN}/{ts:%Y/%m/%d}/{slugify(verdict + ' ' + title)}/"
    claim_flat = re.sub(r"\s*\n+\s*", " ", claim).strip()
    kes = VERDICT_SENTENCE[verdict] + f" Berdasarkan tujuh jenis mis- dan disinformasi First Draft, konten ini termasuk {category}."
    desc = (f"Beredar {medium} yang berisi narasi: “{claim_flat}” PENJELASAN: {' '.join(expl)} KESIMPULAN: {kes} "
            f"PESAN PENANGKAL: {counter} REFERENSI: {' '.join(refs)}")
    content = (f"<p>Beredar {xml_escape(medium)} yang berisi narasi: “{xml_escape(claim).replace(chr(10), '<br />')}”</p>\n"
               f"<p><strong>PENJELASAN:</strong></p>\n" + "".join(f"<p>{xml_escape(x)}</p>\n" for x in expl) +
               f"<p><strong>KESIMPULAN:</strong> {xml_escape(kes)}</p>\n"
               f"<p><strong>PESAN PENANGKAL:</strong> {xml_escape(counter)}</p>\n"
               f"<p><strong>REFERENSI:</strong><br />" + "<br />".join(f'<a href="{xml_escape(u)}">{xml_escape(u)}</a>' for u in refs) + "</p>\n")
    _post_no["fc"] = _post_no.get("fc", 12000) + rng.randint(5, 60)
    rec = dict(ts=ts, verdict=verdict, title=f"[{verdict}] {title}", link=link, guid=f"https://{FC_DOMAIN}/?p={_post_no['fc']}",
               creator=rng.choice(FC_WRITERS), description=desc, content=content, key=key, file=file,
               categories=[{"PENIPUAN": "Penipuan", "KLARIFIKASI": "Klarifikasi"}.get(verdict, "Hoaks"), "Cek Fakta"],
               quoted=quoted, claim=claim_flat)
    FACTCHECKS.append(rec)
    return rec


def gen_factchecks():
    tz = dt.timezone(dt.timedelta(hours=7))
    for day, key, verdict, title, category, flt in FC_SCHEDULE:
        N = NARR[key]
        pool = [p for p in POSTS if p["key"] == key and p["kind"] == "narr" and p["day"] < day]
        def ok(p):
            if any(m.lower() not in p["text"].lower() for m in flt.get("must", [])):
                return False
            if "regions" in flt and p["region"] not in flt["regions"]:
                return False
            if "provs" in flt and prov_of(p["region"]) not in flt["provs"]:
                return False
            return True
        good = [p for p in pool if ok(p)]
        good.sort(key=lambda p: (p["platform"] != "whatsapp", p["platform"] != "facebook"))
        quoted = rng.choice(good[: max(3, len(good) // 2)]) if good else None
        if quoted is None:
            raise RuntimeError(f"no post to quote for fact-check {key} day {day} {flt}")
        ts = make_ts(day, tz, {h: 1 for h in range(9, 21)})
        refs = list(FC_REFS.get(key, []))
        refs += [n["link"] for n in NEWS if n["key"] == "clarification:" + key and n["day"] < day][:2]
        if key == "helikopter-semprot":
            refs.append(ARCHIVE_HELI_LINK)
        expl = list(N["fc_expl"])
        fc_item(ts, verdict, title, quoted["text"], MEDIUM.get(quoted["platform"], "pesan berantai"), expl, N["counter"], category, refs, key,
                f"inbox/{DAYS[day]}/factchecks.xml", quoted=(quoted["source"], quoted["id"]))
    for day, verdict, title, claim, expl, category in FC_UNRELATED:
        ts = make_ts(day, tz, {h: 1 for h in range(9, 21)})
        fc_item(ts, verdict, title, claim, "pesan berantai di WhatsApp", [expl], "Selalu periksa sumber informasi sebelum membagikannya.",
                category, [f"https://{FC_DOMAIN}/panduan-cek-fakta/"], "", f"inbox/{DAYS[day]}/factchecks.xml")
    for when, fmt, verdict, title, key, claim, expl in FC_ARCHIVE:
        ts = when.replace(tzinfo=tz)
        rec = fc_item(ts, verdict, title, claim, "pesan berantai di WhatsApp", [expl], "Selalu periksa sumber informasi sebelum membagikannya.",
                      "konten palsu (fabricated content)", [f"https://{FC_DOMAIN}/panduan-cek-fakta/"], key,
                      "inbox/2026-11-07/factchecks-archive.xml")
        rec["datefmt"] = fmt
        if key == "helikopter-semprot":
            rec["link"] = ARCHIVE_HELI_LINK


# =============================================================================================
# Output
# =============================================================================================
def fmt_ts(p: dict) -> str:
    ts = p["ts"]
    if p["platform"] == "x":
        return ts.strftime("%Y-%m-%dT%H:%M:%S") + ".000" + ts.strftime("%z")[:3] + ":" + ts.strftime("%z")[3:]
    if p["platform"] in ("government", "kim"):
        return ts.isoformat(timespec="minutes")
    return ts.isoformat()


def region_hint(p: dict) -> str | None:
    src = SRC[p["source"]]
    r = p["region"]
    if not r:
        return None
    prob = 0.7 if src.official else 0.3
    if rng.random() >= prob:
        return None
    choice = rng.random()
    if src.home and choice < 0.25:
        return src.home                              # Kemendagri code of the account's home
    if choice < 0.45:
        return r if rng.random() < 0.6 else prov_of(r)  # Kemendagri code of the place
    if choice < 0.8:
        return rng.choice(REG[r][1])                 # place name as people write it
    return PROV[prov_of(r)][0]                       # province name


def shares_for(p: dict) -> int:
    hoax = bool(p["key"]) and not p["key"].startswith("clarification:") and NARR[p["key"]]["hoax"]
    mu = 3.4 if hoax else (2.3 if p["key"] else 1.1)
    return int(rng.lognormvariate(mu, 1.2))


def to_json(p: dict) -> dict:
    src = SRC[p["source"]]
    o = {"id": p["id"], "text": p["text"], "published_at": fmt_ts(p), "source": p["source"]}
    plat = p["platform"]
    if plat == "facebook" and rng.random() < 0.92:
        o["url"] = f"https://facebook.example/groups/{p['source'][3:]}/posts/{p['id'].split('_')[1]}"
    elif plat == "instagram" and rng.random() < 0.92:
        o["url"] = f"https://instagram.example/p/{p['id']}/"
    elif plat == "x":
        o["url"] = f"https://x.example/{p['author'].lstrip('@')}/status/{p['id']}"
    elif plat == "telegram" and rng.random() < 0.9:
        o["url"] = f"https://t.example/{p['source'][3:]}/{p['id']}"
    elif plat in ("government", "kim"):
        o["url"] = f"https://{p['source']}.example.id/berita/{p['id']}/{slugify(p['title'] or p['text'][:50])[:60]}"
    if rng.random() < (0.85 if plat == "whatsapp" else 0.97):
        o["author"] = p["author"]
    if p.get("title"):
        o["title"] = p["title"]
    if rng.random() < 0.45:
        o["lang"] = "id-ID" if (lang_for(p["register"]) == "id" and rng.random() < 0.08) else lang_for(p["register"])
    rh = region_hint(p)
    if rh:
        o["region_hint"] = rh
    if rng.random() < 0.82:
        o["platform"] = plat
    if p.get("reply_to"):
        o["reply_to"] = p["reply_to"]
    if plat in ("facebook", "x") or (plat == "telegram" and rng.random() < 0.6):
        o["shares"] = shares_for(p)
    # fields the pipeline does not know; it must keep them
    if plat == "whatsapp":
        if src.group_name and rng.random() < 0.6:
            o["group_name"] = src.group_name
        if p["kind"] == "dup" or (p["key"] and rng.random() < 0.3):
            o["forwarded_many_times"] = True
    elif plat in ("facebook", "instagram", "x") and rng.random() < 0.75:
        o["likes"] = shares_for(p) * rng.randint(1, 6)
    elif plat == "telegram" and rng.random() < 0.8:
        o["views"] = shares_for(p) * rng.randint(20, 80) + rng.randint(50, 900)
    elif plat in ("government", "kim") and rng.random() < 0.7:
        o["category"] = "Klarifikasi Hoaks" if p["kind"] == "clar" else rng.choice(["Informasi Publik", "Pengumuman", "Berita Daerah"])
    return o


# (day index, kind, 1-based line number in that day's posts.jsonl, reason the pipeline should give)
MALFORMED = [
    (1, "truncated_json", 12, "invalid JSON (line ends inside a string)"),
    (3, "json_array", 30, "JSON value is an array, not an object"),
    (5, "missing_text", 7, "required field 'text' missing"),
    (8, "empty_text", 21, "field 'text' is empty"),
    (11, "unparseable_published_at", 15, "published_at 'Rabu sore, jam 5-an' is not a parseable timestamp"),
    (14, "missing_source", 40, "required field 'source' missing"),
]


def malformed_line(day: int, kind: str) -> str:
    region = rng.choice(["35.73", "33.74", "32.73", "12.71", "73.71", "34.04"])
    src = pick_source_any("whatsapp", region, chatter=True)
    ts = make_ts(day, tz_of(region))
    pid = new_id(src, ts, day)
    text = render(rng.choice([t[1] for t in CHATTER if len(t) == 2 and "{team}" not in t[1] and "{wisata}" not in t[1]]), region, chatter_pools(region, day))
    o = {"id": pid, "text": text, "published_at": ts.isoformat(), "source": src.source, "author": pick_author(src), "platform": "whatsapp"}
    if kind == "truncated_json":
        s = json.dumps(o, ensure_ascii=False)
        cut = s.index('"text": "') + 9 + max(5, len(text) // 2)
        return s[:cut]
    if kind == "json_array":
        return json.dumps([o["id"], o["text"], o["published_at"], o["source"]], ensure_ascii=False)
    if kind == "missing_text":
        del o["text"]
    elif kind == "empty_text":
        o["text"] = ""
    elif kind == "unparseable_published_at":
        o["published_at"] = "Rabu sore, jam 5-an"
    elif kind == "missing_source":
        del o["source"]
    return json.dumps(o, ensure_ascii=False)


def cdata(s: str) -> str:
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rss_doc(title: str, link: str, desc: str, build: dt.datetime, items_xml: list[str], indonesian=False) -> str:
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0"\n\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n\txmlns:atom="http://www.w3.org/2005/Atom"\n'
            '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n\n<channel>\n')
    ch = (f"\t<title>{xml_escape(title)}</title>\n\t<atom:link href=\"{xml_escape(link)}/feed/\" rel=\"self\" type=\"application/rss+xml\" />\n"
          f"\t<link>{xml_escape(link)}</link>\n\t<description>{xml_escape(desc)}</description>\n"
          f"\t<lastBuildDate>{fmt_rfc822(build, indonesian)}</lastBuildDate>\n\t<language>id</language>\n"
          "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
          "\t<generator>https://wordpress.org/?v=6.6.2</generator>\n")
    return head + ch + "".join(items_xml) + "\t</channel>\n</rss>\n"


def item_xml(title, link, creator, pubdate, categories, guid, description, content) -> str:
    cats = "".join(f"\t\t<category>{cdata(c)}</category>\n" for c in categories)
    return (f"\t<item>\n\t\t<title>{xml_escape(title)}</title>\n\t\t<link>{xml_escape(link)}</link>\n"
            f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n\t\t<pubDate>{pubdate}</pubDate>\n{cats}"
            f"\t\t<guid isPermaLink=\"false\">{xml_escape(guid)}</guid>\n\n\t\t<description>{cdata(description)}</description>\n"
            f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n\t</item>\n")


def write_csv(path: Path, header: list[str], rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def build_labels() -> list[list]:
    """~500 labelled posts, balanced-ish, every narrative covered, plus a few conflicting double labels."""
    labellers = ["anotator-01", "anotator-02", "anotator-03"]
    rows = []
    chosen = set()

    def lab(p, label, labeller=None, note=""):
        d = DAYS[p["day"]] + dt.timedelta(days=rng.randint(1, 3))
        d = min(d, dt.date(2026, 11, 23))
        rows.append([p["id"], p["source"], p["text"], label, labeller or rng.choice(labellers), d.isoformat(), note])
        chosen.add((p["source"], p["id"]))

    originals = [p for p in POSTS if p["kind"] in ("narr", "chatter", "official", "clar", "reshare")]
    for key, N in NARR.items():
        mine = [p for p in originals if p["key"] == key]
        k = min(len(mine), 15 if N["hoax"] else 12)
        for p in rng.sample(mine, k):
            lab(p, "hoax" if N["hoax"] else "not_hoax")
    chatter = [p for p in originals if p["kind"] == "chatter"]
    for p in rng.sample(chatter, 140):
        lab(p, "not_hoax")
    official = [p for p in originals if p["kind"] == "official"]
    for p in rng.sample(official, min(20, len(official))):
        lab(p, "not_hoax")
    clar = [p for p in originals if p["kind"] in ("clar", "reshare")]
    for p in rng.sample(clar, min(40, len(clar))):
        lab(p, "not_hoax", note=rng.choice(["", "", "klarifikasi resmi", "membantah hoaks"]))
    # a few near-duplicates, so the classifier sees forwarded variants
    dups = [p for p in POSTS if p["kind"] == "dup" and p["dup_kind"] == "near" and p["key"] and NARR[p["key"]]["hoax"]]
    for p in rng.sample(dups, 12):
        lab(p, "hoax", note="terusan (near-duplicate)")
    # conflicting double labels: posts that ask about a hoax rather than assert it, and a hedged herbal post
    questions = [p for p in POSTS if p["kind"] == "reply" and not p["key"].startswith("clarification:")]
    herbal_q = [p for p in POSTS if p["key"] == "herbal-dbd" and p["kind"] == "narr" and "Bener gak sih" in p["text"]]
    conflict = rng.sample(questions, 3) + herbal_q[:1]
    for p in conflict:
        if (p["source"], p["id"]) in chosen:
            rows = [r for r in rows if (r[1], r[0]) != (p["source"], p["id"])]
        a, b = rng.sample(labellers, 2)
        lab(p, "hoax", a, "ikut menyebarkan klaim")
        lab(p, "not_hoax", b, "tidak menegaskan klaim, hanya bertanya/bereaksi")
    rows.sort(key=lambda r: (r[5], r[1], r[0], r[4]))
    return rows


def main():
    for d in (INBOX, TRUTH):
        if d.exists():
            shutil.rmtree(d)
    for f in ("sources.csv", "labels.csv"):
        if (HERE / f).exists():
            (HERE / f).unlink()

    counts = {k: daily_counts(N) for k, N in NARR.items()}
    for day in range(NDAYS):
        gen_chatter(day)
        for key in NARR:
            for _ in range(counts[key][day]):
                gen_narrative_post(key, day)
    gen_duplicates()
    gen_clarifications()
    gen_news()
    gen_factchecks()

    for p in POSTS:
        assert not has_phone_like(p["text"]), p["text"]
        assert p["ts"].astimezone(p["ts"].tzinfo).date() == DAYS[p["day"]] or p["late"], (p["source"], p["id"])

    # ---- posts.jsonl ------------------------------------------------------------------------
    malformed_rows = []
    file_order = []
    for day in range(NDAYS):
        todays = [p for p in POSTS if p["day"] == day]
        ontime = sorted([p for p in todays if not p["late"]], key=lambda p: (p["ts"].astimezone(dt.timezone.utc), p["source"], p["id"]))
        late = sorted([p for p in todays if p["late"]], key=lambda p: (p["ts"].astimezone(dt.timezone.utc), p["source"], p["id"]))
        ordered = ontime + late
        lines = [json.dumps(to_json(p), ensure_ascii=False) for p in ordered]
        for mday, kind, line_no, reason in MALFORMED:
            if mday == day:
                lines.insert(line_no - 1, malformed_line(day, kind))
                malformed_rows.append([DAYS[day].isoformat(), f"inbox/{DAYS[day]}/posts.jsonl", line_no, kind, reason])
        out = INBOX / DAYS[day].isoformat() / "posts.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        file_order.extend(ordered)

    # ---- news-<portal>.xml --------------------------------------------------------------------
    for day in range(NDAYS):
        for portal, P in PORTALS.items():
            items = sorted([n for n in NEWS if n["day"] == day and n["portal"] == portal], key=lambda n: n["ts"], reverse=True)
            if not items:
                continue
            xs = []
            for n in items:
                if P.get("iso_day") == day:
                    pub = n["ts"].isoformat()
                else:
                    pub = fmt_rfc822(n["ts"], indonesian=(P["datefmt"] == "id"))
                xs.append(item_xml(n["title"], n["link"], n["creator"], pub, [n["category"]], n["guid"], n["description"], n["content"]))
            build = max(n["ts"] for n in items)
            doc = rss_doc(P["name"], f"https://{P['domain']}", P["tagline"], build, xs, indonesian=(P["datefmt"] == "id"))
            (INBOX / DAYS[day].isoformat() / f"news-{portal}.xml").write_text(doc, encoding="utf-8")
            for n in items:
                n["file"] = f"inbox/{DAYS[day]}/news-{portal}.xml"

    id_days = {n["day"] for n in NEWS if PORTALS[n["portal"]]["datefmt"] == "id"}
    iso_days = {n["day"] for n in NEWS if PORTALS[n["portal"]].get("iso_day") == n["day"]}
    assert len(id_days) >= 3 and len(iso_days) == 1, (id_days, iso_days)

    # ---- factchecks.xml / factchecks-archive.xml -----------------------------------------------
    by_file = defaultdict(list)
    for fc in FACTCHECKS:
        by_file[fc["file"]].append(fc)
    for file, items in sorted(by_file.items()):
        items.sort(key=lambda x: x["ts"], reverse=True)
        xs = []
        for fc in items:
            pub = fmt_rfc822(fc["ts"], indonesian=(fc.get("datefmt") == "id"))
            xs.append(item_xml(fc["title"], fc["link"], fc["creator"], pub, fc["categories"], fc["guid"], fc["description"], fc["content"]))
        doc = rss_doc("Cek Hoaks Nusantara", f"https://{FC_DOMAIN}", "Arsip pemeriksaan fakta (sampel sintetis)", items[0]["ts"], xs)
        (HERE / file).write_text(doc, encoding="utf-8")

    # ---- sources.csv ----------------------------------------------------------------------------
    src_rows = [[s.source, s.platform, s.home, "true" if s.official else "false", s.desc] for s in SOURCES]
    for portal, P in PORTALS.items():
        src_rows.append([f"news-{portal}", "news", "", "false",
                         f"Portal berita regional fiktif {P['name']} ({P['domain']}), RSS inbox/<tanggal>/news-{portal}.xml"])
    # Declared as a fact-check source (kind, publisher, feed pattern): only a declared feed is
    # read as fact-checks (pipelines/connectors/factcheck_rss.py).
    src_rows.append([FACTCHECK_SOURCE, "news", "", "true",
                     f"Situs cek fakta fiktif gaya TurnBackHoax/Mafindo ({FC_DOMAIN}), RSS inbox/<tanggal>/factchecks.xml",
                     "factcheck", "cek-hoaks-nusantara", "factchecks*.xml"])
    used = {p["source"] for p in POSTS}
    assert used <= {r[0] for r in src_rows}
    write_csv(HERE / "sources.csv", ["source", "platform", "home_region", "official", "description", "kind", "publisher", "feed"], src_rows)

    # ---- labels.csv -----------------------------------------------------------------------------
    labels = build_labels()
    write_csv(HERE / "labels.csv", ["post_id", "source", "text", "label", "labeller", "labelled_at", "note"], labels)

    # ---- truth ----------------------------------------------------------------------------------
    write_csv(TRUTH / "narratives.csv", ["source", "id", "narrative_key"], [[p["source"], p["id"], p["key"]] for p in file_order])
    write_csv(TRUTH / "narratives_meta.csv", ["narrative_key", "title_id", "topic", "dynamics", "hoax"],
              [[k, N["title"], N["topic"], N["dynamics"], "true" if N["hoax"] else "false"] for k, N in NARR.items()])
    write_csv(TRUTH / "post_regions.csv", ["source", "id", "region_code"], [[p["source"], p["id"], p["region"] or ""] for p in file_order])
    write_csv(TRUTH / "duplicates.csv", ["source", "id", "dup_of_source", "dup_of_id", "kind"],
              [[p["source"], p["id"], p["dup_of"][0], p["dup_of"][1], p["dup_kind"]] for p in file_order if p["dup_of"]])
    write_csv(TRUTH / "news.csv", ["file", "source", "guid", "link", "narrative_key", "region_code"],
              [[n["file"], n["source"], n["guid"], n["link"], n["key"], n["region"]] for n in sorted(NEWS, key=lambda n: (n["file"], n["ts"]))])
    write_csv(TRUTH / "factchecks.csv", ["file", "source", "guid", "link", "verdict", "narrative_key", "published_at", "quoted_post_source", "quoted_post_id"],
              [[fc["file"], FACTCHECK_SOURCE, fc["guid"], fc["link"], fc["verdict"], fc["key"], fc["ts"].isoformat(),
                fc["quoted"][0] if fc["quoted"] else "", fc["quoted"][1] if fc["quoted"] else ""]
               for fc in sorted(FACTCHECKS, key=lambda x: x["ts"])])
    write_csv(TRUTH / "malformed.csv", ["date", "file", "line", "kind", "expected_reason"], malformed_rows)
    # response lag per narrative x province (regional official sources only; national channels listed separately)
    compute_first_seen()
    lag_rows = []
    for key, N in NARR.items():
        if not N["hoax"]:
            continue
        provs = sorted({prov_of(c) for (k, c) in FIRST_SEEN if k == key})
        for pv in provs:
            first = min(d for (k, c), d in FIRST_SEEN.items() if k == key and prov_of(c) == pv)
            cl = [p for p in CLARIFICATIONS if p["key"] == "clarification:" + key and p["region"] and prov_of(p["region"]) == pv]
            if cl:
                c0 = min(cl, key=lambda p: (p["day"], p["ts"]))
                lag_rows.append([key, pv, PROV[pv][0], DAYS[first].isoformat(), DAYS[c0["day"]].isoformat(), c0["day"] - first, c0["source"]])
            else:
                lag_rows.append([key, pv, PROV[pv][0], DAYS[first].isoformat(), "", "", ""])
        nat = [p for p in CLARIFICATIONS if p["key"] == "clarification:" + key and not p["region"]]
        if nat:
            c0 = min(nat, key=lambda p: (p["day"], p["ts"]))
            first = min(d for (k, c), d in FIRST_SEEN.items() if k == key)
            lag_rows.append([key, "", "(nasional)", DAYS[first].isoformat(), DAYS[c0["day"]].isoformat(), c0["day"] - first, c0["source"]])
    write_csv(TRUTH / "response_lag.csv", ["narrative_key", "province_code", "province", "first_seen", "first_official_clarification",
                                           "lag_days", "clarified_by"], lag_rows)

    summary(file_order, malformed_rows, labels)


def summary(file_order, malformed_rows, labels):
    print("Pantau sample data (SYNTHETIC) written under", HERE)
    print("\nPosts per day (valid lines + malformed):")
    for day in range(NDAYS):
        n = sum(1 for p in file_order if p["day"] == day)
        m = sum(1 for r in malformed_rows if r[0] == DAYS[day].isoformat())
        nn = sum(1 for x in NEWS if x["day"] == day)
        nf = sum(1 for x in FACTCHECKS if x["file"] == f"inbox/{DAYS[day]}/factchecks.xml")
        print(f"  {DAYS[day]}  posts={n:4d}  malformed={m}  news={nn:2d}  factchecks={nf}")
    print(f"  total posts={len(file_order)}  news={len(NEWS)}  factchecks={sum(1 for f in FACTCHECKS if 'archive' not in f['file'])}"
          f"  archive={sum(1 for f in FACTCHECKS if 'archive' in f['file'])}")
    social = [p for p in file_order if not SRC[p["source"]].official]
    dups = [p for p in social if p["kind"] == "dup"]
    print(f"  social posts={len(social)}  duplicates={len(dups)} ({100 * len(dups) / len(social):.1f}%: "
          f"{sum(1 for p in dups if p['dup_kind'] == 'exact')} exact, {sum(1 for p in dups if p['dup_kind'] == 'near')} near)")
    print("\nPosts per narrative (incl. duplicates and replies) / clarifications / per-day profile:")
    for k, N in NARR.items():
        mine = [p for p in file_order if p["key"] == k]
        clar = [p for p in file_order if p["key"] == "clarification:" + k]
        prof = [sum(1 for p in mine if p["day"] == d) for d in range(NDAYS)]
        print(f"  {k:22s} {N['dynamics']:9s} hoax={str(N['hoax']).lower():5s} posts={len(mine):4d} clar={len(clar):3d}  {prof}")
    print(f"  (no narrative)         posts={sum(1 for p in file_order if not p['key'])}")
    provs = sorted({prov_of(p['region']) for p in file_order if p['region']})
    print(f"\nProvinces covered ({len(provs)}): " + ", ".join(f"{c} {PROV[c][0]}" for c in provs))
    print(f"Regencies/cities covered: {len({p['region'] for p in file_order if p['region']})}")
    print(f"\nMalformed lines: {len(malformed_rows)}")
    for r in malformed_rows:
        print(f"  {r[1]} line {r[2]}: {r[3]}")
    lab = Counter(r[3] for r in labels)
    print(f"\nlabels.csv rows={len(labels)} {dict(lab)}")
    files = sorted(str(p.relative_to(HERE)) for p in HERE.rglob("*") if p.is_file())
    total = sum((HERE / f).stat().st_size for f in files)
    print(f"\nFiles ({len(files)}, {total / 1e6:.2f} MB):")
    for f in files:
        print("  " + f)


if __name__ == "__main__":
    main()
