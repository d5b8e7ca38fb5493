"""benchmarks/model_floor.py: it finds every matrix product of the tok2vec and tagger, and records the texts the
rules send to the tagger without changing what the run tags."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from lintnews.core import nlp

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "model_floor.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("model_floor_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["model_floor_bench"] = module
    spec.loader.exec_module(module)
    return module


floor = _load()


def test_every_product_of_the_tok2vec_and_tagger_is_counted() -> None:
    config = nlp.model().config["components"]
    embed, encode = config["tok2vec"]["model"]["embed"], config["tok2vec"]["model"]["encode"]
    shapes = floor.product_shapes(nlp.model())
    # the embedding's mixing layer, one per encoder layer, the tagger's output layer
    assert len(shapes) == 1 + encode["depth"] + 1
    width, window = encode["width"], encode["window_size"]
    assert shapes[0] == (width * len(embed["attrs"]), width * encode["maxout_pieces"])
    assert all(s == (width * (2 * window + 1), width * encode["maxout_pieces"]) for s in shapes[1:-1])
    assert shapes[-1][0] == width


def test_the_cued_sentence_is_recorded_and_the_pass_restored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The council met on a quiet morning.\n\nThe mayor said officials would try persuade the owners to stay.\n",
        encoding="utf-8",
    )
    before = nlp._tag_pass
    sent = floor.sent_texts(tmp_path)
    assert nlp._tag_pass is before
    assert any("try persuade" in t for t in sent)
    assert not any("quiet morning" in t for t in sent)
