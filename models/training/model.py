"""A small GPT decoder for tandem-fim-1 tokens. Attention is written as explicit matmuls (torch 1.13 has no SDPA)
so the same code trains and exports to ONNX with a KV cache."""
import math

import torch
from torch import nn
from torch.nn import functional as F


class Block(nn.Module):
    def __init__(self, d_model: int, heads: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.head_dim = d_model // heads
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, 4 * d_model)
        self.fc2 = nn.Linear(4 * d_model, d_model)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask, past_k=None, past_v=None):
        """x [B, T, D]; mask [T, S] additive (0 or -inf-ish); past_k/v [B, H, P, Dh]. Returns x and the NEW k, v."""
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        q = q.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = k.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        v = v.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        keys = k if past_k is None else torch.cat([past_k, k], dim=2)
        values = v if past_v is None else torch.cat([past_v, v], dim=2)
        att = torch.matmul(q, keys.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim)) + mask
        att = self.drop(torch.softmax(att, dim=-1))
        y = torch.matmul(att, values).transpose(1, 2).reshape(b, t, d)
        x = x + self.drop(self.proj(y))
        x = x + self.drop(self.fc2(F.gelu(self.fc1(self.ln2(x)))))
        return x, k, v


class Gpt(nn.Module):
    def __init__(self, vocab_size: int, max_seq_len: int, layers: int, d_model: int, heads: int, dropout: float = 0.0):
        super().__init__()
        self.config = dict(vocab_size=vocab_size, max_seq_len=max_seq_len, layers=layers, d_model=d_model, heads=heads)
        self.tok = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Embedding(max_seq_len, d_model)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(d_model, heads, dropout) for _ in range(layers))
        self.ln = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.tok.weight  # tied: fewer parameters, better for a small vocabulary model
        self.apply(self._init)
        for name, p in self.named_parameters():
            if name.endswith("proj.weight") or name.endswith("fc2.weight"):
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * layers))

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)

    def forward(self, ids, past_k=None, past_v=None):
        """ids [B, T]; past_k/v: per layer [B, H, P, Dh] or None. Returns logits [B, T, V] and per-layer new k, v."""
        t = ids.shape[1]
        past = 0 if past_k is None else past_k[0].shape[2]
        positions = torch.arange(t, device=ids.device) + past
        keys = torch.arange(t + past, device=ids.device)
        # additive causal mask over past + new keys; a large finite negative keeps softmax NaN-free in ONNX
        mask = (keys.unsqueeze(0) > positions.unsqueeze(1)).to(torch.float32) * -1e9
        x = self.drop(self.tok(ids) + self.pos(positions))
        new_k, new_v = [], []
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, mask, None if past_k is None else past_k[i], None if past_v is None else past_v[i])
            new_k.append(k)
            new_v.append(v)
        return self.head(self.ln(x)), new_k, new_v

    def param_count(self) -> int:
        return sum(p.numel() for p in self.parameters())
