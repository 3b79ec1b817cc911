"""The benchmark's articles: PolNeAR dev from ../shared and the bundled corpus, as plain-text files.

Both systems read the very same files. They are written to a temporary directory for the run only:
the shared texts are copyrighted and never enter the repository.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".jsonl", ".json"})


@dataclass(frozen=True, slots=True)
class Corpus:
    """A named set of articles on disk, one plain-text file each; ``source`` is what ingest reads."""

    name: str
    files: list[Path]
    source: Path
    chars: int


def _write(directory: Path, items: list[tuple[str, str]]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for n, (article_id, text) in enumerate(items):
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in article_id)[:80] or "article"
        path = directory / f"{n:04d}-{safe}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def polnear_dev(shared: Path, work: Path, limit: int | None = None, split: str = "dev") -> Corpus | str:
    """PolNeAR dev, or another ``split`` (train: 840 articles), its first ``limit`` articles as text files,
    or the reason it is unavailable."""
    source = shared / "data" / "polnear" / f"{split}.jsonl"
    if not source.exists():
        return f"PolNeAR {split} not found at {source}"
    with source.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    items = [(str(d["id"]).rsplit("/", 1)[-1], d["text"]) for d in docs][:limit]
    files = _write(work / f"polnear-{split}", items)
    return Corpus(f"PolNeAR {split}", files, work / f"polnear-{split}", sum(len(text) for _, text in items))


def _texts_from(path: Path) -> list[tuple[str, str]]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return [(path.stem, path.read_text(encoding="utf-8", errors="replace"))]
    if suffix in JSON_SUFFIXES:
        lines = path.read_text(encoding="utf-8").splitlines()
        docs = [json.loads(line) for line in lines if line.strip()]
        return [
            (str(d.get("id", f"{path.stem}-{n}")), d["text"]) for n, d in enumerate(docs) if d.get("text")
        ]
    if suffix in HTML_SUFFIXES:
        import trafilatura

        text = trafilatura.extract(path.read_text(encoding="utf-8", errors="replace"))
        return [(path.stem, text)] if text else []
    return []


def bundled(root: Path, work: Path, limit: int | None = None) -> Corpus | str:
    """The bundled corpus (``examples/corpus``, its first ``limit`` articles) as text files, or the
    reason it is unavailable."""
    source = root / "examples" / "corpus"
    if not source.is_dir():
        return f"no bundled corpus at {source.relative_to(root)} yet"
    items = [item for path in sorted(source.rglob("*")) if path.is_file() for item in _texts_from(path)]
    items = [(article_id, text) for article_id, text in items if text.strip()][:limit]
    if not items:
        return f"no readable articles in {source.relative_to(root)}"
    chars = sum(len(text) for _, text in items)
    # ingest reads the same text files as extract, so both see the very same articles
    return Corpus("bundled corpus", _write(work / "bundled", items), work / "bundled", chars)
