"""`make train`: build the event head's training set and train it, reproducibly.

Sources (only data we may learn from; ../shared/benchmarks/USAGE.md):
- `training/examples/*.jsonl`: examples written by the eventwire developers (text, event, mode, aux, acled);
- NGEC's synthetic PLOVER stories (`ngec_polecat/`): title and first sentence, event and mode;
- the PLOVER examples from the CAMEO manual (`plover/PLOVER_GSR_CAMEO.json`), older labels mapped to
  PLOVER 2021 as the PLOVER manual says.
A label a source does not give is left out of that task's loss rather than guessed.
Everything is seeded and runs on one thread, so the same inputs give byte-identical weights.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from ..records import AUX_MODES, PLOVER_TYPES
from .encoder import LAYERS
from .head import META, NONE, TASKS, WEIGHTS

REPO = Path(__file__).resolve().parents[3]
PLOVER_MODES = yaml.safe_load((Path(__file__).parents[1] / "events" / "data" / "plover.yaml").read_text())["modes"]
ACLED_TAXONOMY = yaml.safe_load((Path(__file__).parents[1] / "events" / "data" / "acled.yaml").read_text())["taxonomy"]
ACLED_SUB_TYPES = [sub for subs in ACLED_TAXONOMY.values() for sub in subs]
LABELS = {
    "event": [NONE, *PLOVER_TYPES],
    "aux": ["asserted", *AUX_MODES],
    "acled": [NONE, *ACLED_SUB_TYPES],
    "mode": ["none", *sorted({m for modes in PLOVER_MODES.values() for m in modes})],
}
# PLOVER 0.5 labels of the CAMEO-manual examples -> PLOVER 2021 (event, mode), per the PLOVER manual
GSR_EVENTS = {"DEMAND": ("REQUEST", None), "DISAPPROVE": ("ACCUSE", "disapprove"),
              "INVESTIGATE": ("ACCUSE", "investigate"), "FIGHT": ("ASSAULT", None)}
NGEC_MODES = {"primative": "primitive", "sieze": "seize"}
HIDDEN = 256
EPOCHS = 80
BATCH = 64
SEED = 13


@dataclass
class Example:
    text: str
    labels: dict[str, str | None]  # task -> label; None = this source does not say
    source: str


def own_examples(folder: Path) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path.name}:{number}"
            event = row.get("event") or NONE
            aux = row.get("aux") or "asserted"
            mode = row.get("mode") or "none"
            acled = row["acled"] if "acled" in row else ...
            _check(event in LABELS["event"], where, f"event {event!r}")
            _check(aux in LABELS["aux"], where, f"aux {aux!r}")
            _check(mode == "none" or mode in PLOVER_MODES.get(event, ()), where, f"mode {mode!r} for {event}")
            labels = {"event": event, "aux": aux, "mode": mode if event != NONE else None, "acled": None}
            if acled is not ...:
                acled = acled or NONE
                _check(acled in LABELS["acled"], where, f"acled {acled!r}")
                # a denied or planned event is no ACLED event, whatever it would have been
                labels["acled"] = acled if aux == "asserted" else NONE
            examples.append(Example(row["text"], labels, path.stem))
    return examples


def _check(ok: bool, where: str, what: str) -> None:
    if not ok:
        raise ValueError(f"{where}: unknown {what}")


def ngec_examples(folder: Path) -> list[Example]:
    path = folder / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
    examples = []
    for row in rows:
        event = row["label"].strip().upper()
        if event not in PLOVER_TYPES:
            continue
        mode = NGEC_MODES.get(row["mode"].strip().lower(), row["mode"].strip().lower()) or "none"
        labels = {"event": event, "aux": None, "acled": None,
                  "mode": mode if mode == "none" or mode in PLOVER_MODES[event] else None}
        title = row["prompt"].split("\n")[0].strip()
        first = _first_sentence(row["text"])
        for text in (title, first):
            if len(text.split()) >= 4:
                examples.append(Example(text, labels, "ngec"))
    return examples


def _first_sentence(text: str) -> str:
    paragraph = text.strip().split("\n")[0]
    match = re.match(r"(.+?[.!?])(\s+[A-Z\"“]|$)", paragraph)
    return (match.group(1) if match else paragraph).strip()


def gsr_examples(folder: Path) -> list[Example]:
    records = json.loads((folder / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    examples = []
    for record in records:
        event, mode = GSR_EVENTS.get(record.get("event"), (record.get("event"), None))
        if event not in PLOVER_TYPES or not record.get("text"):
            continue
        mode = mode if mode in PLOVER_MODES[event] else None
        examples.append(Example(record["text"], {"event": event, "aux": None, "acled": None, "mode": mode},
                                "plover-gsr"))
    return examples


def training_set(examples_dir: Path, benchmarks: Path | None) -> list[Example]:
    examples = own_examples(examples_dir)
    if benchmarks is not None:
        examples += ngec_examples(benchmarks / "ngec_polecat") + gsr_examples(benchmarks / "plover")
    return examples


def embed(texts: list[str], cache_dir: Path) -> np.ndarray:
    """Embeddings of the whole training set in one pass on one thread, in float32: a text's embedding
    depends in its last bits on the batch it is padded with, so only the same pass over the same texts
    gives the same bits. Cached for that exact list of texts, so retraining with new settings is quick."""
    from .encoder import SentenceEncoder

    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    cache_file = cache_dir / f"embeddings-{LAYERS}-layers-{key}.npy"
    if cache_file.exists():
        return np.load(cache_file)
    vectors = SentenceEncoder(threads=1, exact=True).encode(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(cache_file, vectors)
    return vectors


def train(x: np.ndarray, examples: list[Example]) -> dict[str, np.ndarray]:
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    targets = {task: torch.tensor([LABELS[task].index(e.labels[task]) if e.labels[task] is not None else -100
                                   for e in examples]) for task in TASKS}
    inputs = torch.tensor(x)
    hidden = torch.nn.Linear(x.shape[1], HIDDEN)
    heads = torch.nn.ModuleDict({task: torch.nn.Linear(HIDDEN, len(LABELS[task])) for task in TASKS})
    dropout = torch.nn.Dropout(0.2)
    parameters = [*hidden.parameters(), *heads.parameters()]
    optimizer = torch.optim.AdamW(parameters, lr=2e-3, weight_decay=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, reduction="sum")
    generator = torch.Generator().manual_seed(SEED)
    for _ in range(EPOCHS):
        order = torch.randperm(len(examples), generator=generator)
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            h = dropout(torch.relu(hidden(inputs[batch])))
            loss = torch.zeros(())
            for task in TASKS:
                t = targets[task][batch]
                if (t != -100).any():
                    loss = loss + loss_fn(heads[task](h), t) / len(batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    weights = {"hidden.weight": hidden.weight, "hidden.bias": hidden.bias}
    for task in TASKS:
        weights[f"{task}.weight"] = heads[task].weight
        weights[f"{task}.bias"] = heads[task].bias
    return {name: value.detach().numpy().astype(np.float32) for name, value in weights.items()}


def main(argv: list[str] | None = None) -> int:
    from safetensors.numpy import save

    parser = argparse.ArgumentParser(prog="python -m eventwire.model.training", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=Path, default=REPO / "training" / "examples")
    parser.add_argument("--benchmarks", type=Path, default=REPO.parent / "shared" / "benchmarks",
                        help="folder holding ngec_polecat/ and plover/ (the sets we may learn from)")
    parser.add_argument("--out", type=Path, default=WEIGHTS.parent)
    parser.add_argument("--cache", type=Path, default=REPO / "training" / ".cache")
    args = parser.parse_args(argv)
    if not (args.benchmarks / "ngec_polecat").is_dir():
        print(f"training data not found: {args.benchmarks / 'ngec_polecat'} (pass --benchmarks)", file=sys.stderr)
        return 2
    examples = training_set(args.examples, args.benchmarks)
    x = embed([e.text for e in examples], args.cache)
    weights = train(x, examples)
    raw = save(weights)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / WEIGHTS.name).write_bytes(raw)
    counts: dict[str, dict[str, int]] = {}
    for e in examples:
        counts.setdefault(e.source, {}).setdefault("examples", 0)
        counts[e.source]["examples"] += 1
    meta = {"sha256": hashlib.sha256(raw).hexdigest(), "labels": LABELS, "hidden": HIDDEN, "epochs": EPOCHS,
            "seed": SEED, "encoder": f"all-MiniLM-L6-v2, {LAYERS} layers", "sources": counts,
            "training_set_sha256": hashlib.sha256("\n".join(json.dumps([e.text, e.labels], sort_keys=True)
                                                            for e in examples).encode()).hexdigest()}
    (args.out / META.name).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"{len(examples)} examples {json.dumps(counts)}; weights {len(raw) / 1e6:.2f} MB sha256 {meta['sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
