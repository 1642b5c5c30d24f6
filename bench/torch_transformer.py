"""PyTorch copy of Trendformer's default model, timed on training steps (bench/train_bench.ts).

Same architecture as lib/model (input Dense F->d plus a learned positional embedding, dropout,
4 pre-LN blocks with causal 4-head attention and a ReLU MLP d->4d->d, final LayerNorm, Dense d->1
on every step), the same step (weighted MSE over every step's target, global-norm clipping at 1,
AdamW with decay 0.1) and the same batch of random windows. For comparison only: nothing in the
project depends on torch.

    /usr/bin/python3 bench/torch_transformer.py --threads 2 --batch 64 --steps 30

Prints one JSON line: {"threads", "batch", "windows_per_s", "targets_per_s", "torch"}.
"""
import argparse
import json
import math
import time

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, d: int, heads: int, ff: int, p: float) -> None:
        super().__init__()
        self.h = heads
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc, self.out = nn.Linear(d, ff), nn.Linear(ff, d)
        self.drop = nn.Dropout(p)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, T, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        q, k, v = (t.view(B, T, self.h, d // self.h).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(d // self.h) + mask  # [B, H, T, T]
        ctx = (att.softmax(-1) @ v).transpose(1, 2).reshape(B, T, d)
        x = x + self.drop(self.proj(ctx))
        return x + self.drop(self.out(torch.relu(self.fc(self.ln2(x)))))


class Transformer(nn.Module):
    def __init__(self, F=8, T=60, d=64, heads=4, ff=256, layers=4, p=0.1) -> None:
        super().__init__()
        self.inp, self.pos = nn.Linear(F, d), nn.Parameter(torch.randn(T, d) * 0.02)
        self.drop = nn.Dropout(p)
        self.blocks = nn.ModuleList(Block(d, heads, ff, p) for _ in range(layers))
        self.lnf, self.head = nn.LayerNorm(d), nn.Linear(d, 1)
        self.register_buffer("mask", torch.full((T, T), -1e9).triu(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.drop(self.inp(x) + self.pos)
        for b in self.blocks:
            h = b(h, self.mask)
        return self.head(self.lnf(h)).squeeze(-1)  # [B, T]: every step


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = Transformer()
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.1)
    x = torch.randn(a.batch, 60, 8)
    y = torch.randn(a.batch, 60)
    w = torch.ones(a.batch, 60)

    def step() -> None:
        opt.zero_grad(set_to_none=True)
        loss = ((model(x) - y) ** 2 * w).sum() / w.sum()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    for _ in range(a.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    s = time.perf_counter() - t0
    wps = a.steps * a.batch / s
    print(json.dumps({
        "threads": a.threads, "batch": a.batch, "windows_per_s": wps,
        "targets_per_s": wps * 60, "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
