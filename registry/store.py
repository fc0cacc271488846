"""Content-addressed artifact store: files named by their sha256.

A file is stored once under ``objects/<hex[:2]>/<hex>``, written to a temp file
and renamed into place, so a crash never leaves a half-written object under a
valid name (temp names carry their writer's pid: the next process that writes to the store
removes those a killed writer left). A directory (a LoRA adapter, a tokenizer) is stored as a manifest: a
canonical-JSON object mapping each relative path to its file's hash; the
directory's hash is the manifest's hash.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, IntegrityError, NotFoundError
from .files import crash_point, owned_prefix, sweep_stale
from .hashing import canonical_json, hash_bytes, hash_file, hex_of


@dataclass(frozen=True)
class Stored:
    """What storing a file or directory produced."""

    sha256: str
    bytes: int
    is_dir: bool


class ArtifactStore:
    """Files by sha256 under ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._swept = False

    def _sweep(self) -> None:
        """Before this process's first write: remove the temp files and folders that writers killed
        mid-copy left (only those whose process is gone; see :mod:`registry.files`)."""
        if self._swept:
            return
        self._swept = True
        objects = self.root / "objects"
        if objects.is_dir():
            for shard in objects.iterdir():
                if shard.is_dir():
                    sweep_stale(shard, ".tmp-*")
        sweep_stale(self.root / "dirs", ".tmp-dir-*")

    def object_path(self, sha256: str) -> Path:
        """Where the object with this hash lives (whether or not it exists)."""
        h = hex_of(sha256)
        return self.root / "objects" / h[:2] / h

    def put(self, path: str | Path) -> Stored:
        """Store a file or a directory and return its hash and size."""
        path = Path(path)
        self._sweep()
        if path.is_dir():
            return self._put_dir(path)
        if not path.is_file():
            raise InputError(f"{path}: artifact path does not exist")
        sha = hash_file(path)
        self._copy_in(path, sha)
        return Stored(sha, path.stat().st_size, False)

    def _put_dir(self, path: Path) -> Stored:
        files: dict[str, dict] = {}
        total = 0
        for f in sorted(p for p in path.rglob("*") if p.is_file()):
            sha = hash_file(f)
            self._copy_in(f, sha)
            size = f.stat().st_size
            files[f.relative_to(path).as_posix()] = {"sha256": sha, "bytes": size}
            total += size
        if not files:
            raise InputError(f"{path}: artifact directory is empty")
        manifest = canonical_json({"files": files}).encode("utf-8")
        sha = hash_bytes(manifest)
        self._write_bytes(manifest, sha)
        return Stored(sha, total, True)

    def _copy_in(self, src: Path, sha: str) -> None:
        dest = self.object_path(sha)
        if dest.exists():
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=owned_prefix(".tmp-"))
        os.close(fd)
        try:
            shutil.copyfile(src, tmp)
            crash_point("store.copying")
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _write_bytes(self, data: bytes, sha: str) -> None:
        dest = self.object_path(sha)
        if dest.exists():
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=owned_prefix(".tmp-"))
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def manifest(self, sha256: str) -> dict[str, dict]:
        """The ``{relative path: {sha256, bytes}}`` manifest of a stored directory."""
        p = self.object_path(sha256)
        if not p.exists():
            raise NotFoundError(f"{p}: stored directory manifest {sha256} is missing")
        return json.loads(p.read_text("utf-8"))["files"]

    def materialize(self, sha256: str, is_dir: bool, dest: str | Path | None = None) -> Path:
        """A path holding the artifact's content.

        A file is returned in place (read it, do not modify it). A directory is
        rebuilt from its manifest under ``dest`` (default: ``<root>/dirs/<hex>``),
        hard-linking objects where the file system allows.
        """
        if not is_dir:
            p = self.object_path(sha256)
            if not p.exists():
                raise NotFoundError(f"{p}: stored artifact {sha256} is missing")
            return p
        target = Path(dest) if dest is not None else self.root / "dirs" / hex_of(sha256)
        files = self.manifest(sha256)
        # A copy made earlier is used only if it still holds exactly the manifest's bytes: it is a
        # plain folder anyone can edit (a rewritten test split must never reach a gate run).
        if target.exists() and dest is None and not _dir_drift(target, files):
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        self._sweep()
        sweep_stale(target.parent, ".tmp-dir-*")
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=owned_prefix(".tmp-dir-")))
        try:
            for rel, info in files.items():
                src = self.object_path(info["sha256"])
                if not src.is_file() or hash_file(src) != info["sha256"]:
                    raise IntegrityError(f"{src}: stored object of {rel!r} in {sha256} is missing or altered "
                                         "(see: chirogate registry verify)")
                out = tmp / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(src, out)
                except OSError:
                    shutil.copyfile(src, out)
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        except FileExistsError:
            shutil.rmtree(tmp, ignore_errors=True)  # another process built it first
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return target

    def verify(self, sha256: str, is_dir: bool) -> list[tuple[Path, str]]:
        """Re-hash what is on disk; return ``(path, "missing" | "altered")`` for each bad object."""
        p = self.object_path(sha256)
        if not p.exists():
            return [(p, "missing")]
        if not is_dir:
            return [] if hash_file(p) == sha256 else [(p, "altered")]
        if hash_file(p) != sha256:
            return [(p, "altered")]
        problems = []
        for info in self.manifest(sha256).values():
            problems += self.verify(info["sha256"], False)
        return problems

    def verify_materialized(self, sha256: str) -> list[tuple[Path, str]]:
        """Compare the materialised copy of a stored directory (if there is one) with its manifest;
        ``(path, "missing" | "altered" | "extra")`` for each difference."""
        target = self.root / "dirs" / hex_of(sha256)
        if not target.exists() or not self.object_path(sha256).exists():
            return []
        try:
            files = self.manifest(sha256)
        except (ValueError, KeyError):
            return []  # the manifest itself is reported by verify()
        return _dir_drift(target, files)

    def stale_temp(self) -> list[Path]:
        """Temp files and folders a killed process left in the store (``.tmp-*``)."""
        return sorted(p for p in self.root.rglob(".tmp-*")) if self.root.exists() else []


def _dir_drift(target: Path, files: dict[str, dict]) -> list[tuple[Path, str]]:
    """Differences between folder ``target`` and a manifest: missing, altered or extra files."""
    out: list[tuple[Path, str]] = []
    for rel, info in files.items():
        p = target / rel
        if not p.is_file():
            out.append((p, "missing"))
        elif p.stat().st_size != info["bytes"] or hash_file(p) != info["sha256"]:
            out.append((p, "altered"))
    extra = sorted(p for p in target.rglob("*") if p.is_file() and p.relative_to(target).as_posix() not in files)
    out += [(p, "extra") for p in extra]
    return out
