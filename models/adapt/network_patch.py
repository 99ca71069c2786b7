"""A network patch (TNDP): the tensors a fine-tune changed, by the shipped ONNX graph's initializer names, which the
server writes over the shipped graph's at load (models/adapt/adapt_network.py writes them).

  bytes 0-3   "TNDP"
  bytes 4-7   uint32 LE: H, the header's length
  H bytes     UTF-8 JSON: {"format": 1, "base": sha256 of the shipped model.onnx, "tensors": [{"name", "dims",
              "offset", "length"}], "stats": {...}}; offsets are into the data part
  the rest    the data part: each tensor's float32 LE values as the initializer's raw_data holds them, back to back
"""
import json
import struct

import numpy as np
from onnx import TensorProto

MAGIC = b"TNDP"
FORMAT = 1


def encode_patch(tensors, base: str, stats: dict) -> bytes:
    """tensors: (initializer name, array in the initializer's layout) pairs."""
    entries, data, offset = [], [], 0
    for name, array in tensors:
        raw = np.ascontiguousarray(array, dtype="<f4").tobytes()
        entries.append(dict(name=name, dims=list(array.shape), offset=offset, length=len(raw)))
        data.append(raw)
        offset += len(raw)
    header = json.dumps(dict(format=FORMAT, base=base, tensors=entries, stats=stats), separators=(",", ":")).encode("utf-8")
    return MAGIC + struct.pack("<I", len(header)) + header + b"".join(data)


def decode_patch(patch: bytes):
    """The header and the data part; raises ValueError on anything but a well-formed patch of this format."""
    if patch[:4] != MAGIC or len(patch) < 8:
        raise ValueError("not a network patch (no TNDP magic)")
    (h,) = struct.unpack("<I", patch[4:8])
    header = json.loads(patch[8:8 + h].decode("utf-8"))
    data = patch[8 + h:]
    if header.get("format") != FORMAT:
        raise ValueError(f"patch format {header.get('format')}, expected {FORMAT}")
    end = 0
    for t in header["tensors"]:
        if t["offset"] != end or t["length"] != 4 * int(np.prod(t["dims"])):
            raise ValueError(f"tensor {t['name']}: its bytes are not where its dims say")
        end += t["length"]
    if end != len(data):
        raise ValueError(f"the data part holds {len(data)} bytes, the tensors {end}")
    return header, data


def apply_patch(graph, patch: bytes) -> dict:
    """Writes the patch's tensors over the graph's initializers of the same names (as the server does); its header."""
    header, data = decode_patch(patch)
    inits = {i.name: i for i in graph.initializer}
    for t in header["tensors"]:
        init = inits.get(t["name"])
        if init is None or list(init.dims) != t["dims"] or init.data_type != TensorProto.FLOAT:
            raise ValueError(f"tensor {t['name']} {t['dims']} is not a float initializer of that shape in the graph")
        init.ClearField("float_data")
        init.raw_data = data[t["offset"]:t["offset"] + t["length"]]
    return header
