"""Rebuild an openai-whisper checkpoint (``.pt``) from the CTranslate2 Whisper weights, offline.

``model.bin`` layout (CTranslate2 ``specs/model_spec.py``, binary version ≥ 2; little endian): ``u32 version``,
``string spec name``, ``u32 revision``, ``u32 n``, then ``n`` variables (``string name``, ``u8 rank``,
``rank × u32 dims``, ``u8 dtype`` — 0 float32, 1 int8, 2 int16, 3 int32, 4 float16, 5 bfloat16 —, ``u32 nbytes``,
data), then ``u32 m`` aliases (two strings each). A string is ``u16 length`` (with the NUL) and the bytes.

CTranslate2 fuses q/k/v of self-attention into one linear and k/v of cross-attention into another; Whisper's key
projection has no bias, so its slice of the fused bias is all zeros and is dropped. Weights go from float16 to
float32; dimensions come from the tensor shapes; alignment heads from ``config.json``.
Reading needs only numpy; writing the ``.pt`` file needs torch (the optional ``openai`` extra).
"""

from __future__ import annotations

import base64
import gzip
import json
import logging
import mmap
import os
import re
import struct
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from training_app.errors import ConfigurationError

logger = logging.getLogger(__name__)

_DTYPES: dict[int, Any] = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
CHECKPOINT_NAME = "openai-whisper-base.pt"


def read_ct2_model(path: Path) -> dict[str, np.ndarray]:
    """All variables of a CTranslate2 ``model.bin`` as numpy arrays (aliases resolved to their targets)."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        reader = _Reader(data)
        version = reader.u32()
        if version < 2:
            raise ConfigurationError("speech.export_failed", detail=f"model.bin binary version {version}")
        reader.string()  # spec name
        reader.u32()  # revision
        variables = dict(reader.variable() for _ in range(reader.u32()))
        for _ in range(reader.u32()):
            alias, target = reader.string(), reader.string()
            variables[alias] = variables[target]
    return variables


class _Reader:
    def __init__(self, data: mmap.mmap) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def u32(self) -> int:
        return int(self.take("I")[0])

    def string(self) -> str:
        (length,) = self.take("H")
        raw = bytes(self.data[self.pos : self.pos + length])
        self.pos += length
        return raw.rstrip(b"\0").decode("utf-8")

    def variable(self) -> tuple[str, np.ndarray]:
        name = self.string()
        (rank,) = self.take("B")
        shape = self.take("I" * rank)
        dtype_id, nbytes = self.take("B")[0], self.u32()
        if dtype_id not in _DTYPES:
            raise ConfigurationError("speech.export_failed", detail=f"unsupported dtype {dtype_id} in {name}")
        array = (
            np.frombuffer(
                self.data,
                dtype=_DTYPES[dtype_id],
                count=nbytes // np.dtype(_DTYPES[dtype_id]).itemsize,
                offset=self.pos,
            )
            .reshape(shape)
            .copy()
        )
        self.pos += nbytes
        return name, array


def convert(variables: dict[str, np.ndarray], config: dict[str, Any]) -> dict[str, Any]:
    """CTranslate2 variables → ``{"dims": {...}, "model_state_dict": {name: float32 array}, ...}``."""
    if any(name.endswith("weight_scale") for name in variables):
        raise ConfigurationError("speech.export_failed", detail="quantized CTranslate2 model (needs float weights)")
    dims = _dims(variables)
    state: dict[str, np.ndarray] = {}
    _encoder(variables, state, dims["n_audio_layer"])
    _decoder(variables, state, dims["n_text_layer"])
    heads = [tuple(int(x) for x in pair) for pair in config.get("alignment_heads", [])]
    return {
        "dims": dims,
        "model_state_dict": {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()},
        "alignment_heads": heads,
        "alignment_heads_dump": alignment_dump(heads, dims["n_text_layer"], dims["n_text_head"]).decode("ascii"),
    }


def _count_layers(variables: dict[str, np.ndarray], side: str) -> int:
    found = {int(m.group(1)) for name in variables if (m := re.match(rf"{side}/layer_(\d+)/", name))}
    return max(found) + 1


def _dims(v: dict[str, np.ndarray]) -> dict[str, int]:
    embeddings = v["decoder/embeddings/weight"]
    return {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(v["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": _count_layers(v, "encoder"),
        "n_vocab": int(embeddings.shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(embeddings.shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": _count_layers(v, "decoder"),
    }


def _copy_linear(v: dict[str, np.ndarray], src: str, state: dict[str, np.ndarray], dst: str) -> None:
    state[f"{dst}.weight"] = v[f"{src}/weight"]
    if f"{src}/bias" in v:
        state[f"{dst}.bias"] = v[f"{src}/bias"]


def _copy_norm(v: dict[str, np.ndarray], src: str, state: dict[str, np.ndarray], dst: str) -> None:
    state[f"{dst}.weight"] = v[f"{src}/gamma"]
    state[f"{dst}.bias"] = v[f"{src}/beta"]


def _split_fused(v: dict[str, np.ndarray], src: str, state: dict[str, np.ndarray], dst: str, names: list[str]) -> None:
    """Split a fused projection; the key slice of the bias must be zeros and is dropped."""
    weights = np.split(v[f"{src}/weight"], len(names), axis=0)
    biases = np.split(v[f"{src}/bias"], len(names), axis=0)
    for name, weight, bias in zip(names, weights, biases, strict=True):
        state[f"{dst}.{name}.weight"] = weight
        if name == "key":
            if np.any(bias != 0):
                raise ConfigurationError("speech.export_failed", detail=f"non-zero key bias in {src}")
            continue
        state[f"{dst}.{name}.bias"] = bias


def _ffn(v: dict[str, np.ndarray], src: str, state: dict[str, np.ndarray], dst: str) -> None:
    _copy_norm(v, f"{src}/ffn/layer_norm", state, f"{dst}.mlp_ln")
    _copy_linear(v, f"{src}/ffn/linear_0", state, f"{dst}.mlp.0")
    _copy_linear(v, f"{src}/ffn/linear_1", state, f"{dst}.mlp.2")


def _encoder(v: dict[str, np.ndarray], state: dict[str, np.ndarray], layers: int) -> None:
    for conv in ("conv1", "conv2"):
        _copy_linear(v, f"encoder/{conv}", state, f"encoder.{conv}")
    state["encoder.positional_embedding"] = v["encoder/position_encodings/encodings"]
    for i in range(layers):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        _copy_norm(v, f"{src}/self_attention/layer_norm", state, f"{dst}.attn_ln")
        _split_fused(v, f"{src}/self_attention/linear_0", state, f"{dst}.attn", ["query", "key", "value"])
        _copy_linear(v, f"{src}/self_attention/linear_1", state, f"{dst}.attn.out")
        _ffn(v, src, state, dst)
    _copy_norm(v, "encoder/layer_norm", state, "encoder.ln_post")


def _decoder(v: dict[str, np.ndarray], state: dict[str, np.ndarray], layers: int) -> None:
    state["decoder.token_embedding.weight"] = v["decoder/embeddings/weight"]
    state["decoder.positional_embedding"] = v["decoder/position_encodings/encodings"]
    for i in range(layers):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        _copy_norm(v, f"{src}/self_attention/layer_norm", state, f"{dst}.attn_ln")
        _split_fused(v, f"{src}/self_attention/linear_0", state, f"{dst}.attn", ["query", "key", "value"])
        _copy_linear(v, f"{src}/self_attention/linear_1", state, f"{dst}.attn.out")
        _copy_norm(v, f"{src}/attention/layer_norm", state, f"{dst}.cross_attn_ln")
        _copy_linear(v, f"{src}/attention/linear_0", state, f"{dst}.cross_attn.query")
        _split_fused(v, f"{src}/attention/linear_1", state, f"{dst}.cross_attn", ["key", "value"])
        _copy_linear(v, f"{src}/attention/linear_2", state, f"{dst}.cross_attn.out")
        _ffn(v, src, state, dst)
    _copy_norm(v, "decoder/layer_norm", state, "decoder.ln")


def alignment_dump(heads: list[tuple[int, ...]], layers: int, n_heads: int) -> bytes:
    """The alignment-head mask in openai-whisper's own encoding (base85 of gzip of a bool array)."""
    mask = np.zeros((layers, n_heads), dtype=bool)
    for layer, head in heads:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes()))


def sidecar_path(checkpoint: Path) -> Path:
    """``<checkpoint>.json``: the alignment heads, which ``whisper.load_model(path)`` does not restore itself."""
    return checkpoint.with_suffix(".json")


def export_openai_checkpoint(model_dir: Path, output: Path) -> Path:
    """Write ``output`` (atomically) from the CTranslate2 model in ``model_dir``; needs torch."""
    try:
        import torch
    except ImportError as exc:
        raise ConfigurationError("speech.openai_missing") from exc
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    checkpoint = convert(read_ct2_model(model_dir / "model.bin"), config)
    checkpoint["model_state_dict"] = {k: torch.from_numpy(a) for k, a in checkpoint["model_state_dict"].items()}
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}-", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _save(torch, checkpoint, handle)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    sidecar = {
        "alignment_heads": checkpoint["alignment_heads"],
        "alignment_heads_dump": checkpoint["alignment_heads_dump"],
    }
    sidecar_path(output).write_text(json.dumps(sidecar), encoding="utf-8")
    logger.info("wrote openai-whisper checkpoint %s", output)
    return output


def _save(torch: Any, checkpoint: dict[str, Any], handle: BinaryIO) -> None:
    torch.save(checkpoint, handle)
    handle.flush()
    os.fsync(handle.fileno())
