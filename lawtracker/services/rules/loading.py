"""Load rule files (bundled and the user's), verify every quote, and keep the newest versions.

Bundled rules live in ``resources/rules/``; a user's own regimes, or newer
versions of bundled ones, are TOML files in ``<data dir>/rules/`` checked by
the same schema and marked ``manual``. Every quote is looked up in the text
of the measure the file names; a quote not found leaves its clause without a
span and the regime ``verified == False``, and the loader says which quote.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from lawtracker import paths
from lawtracker.domain.rules import Clause, MeasureRef, Provenance, Regime
from lawtracker.errors import UserFacingError
from lawtracker.services.rules.quotes import SearchText, find_quote, normalize
from lawtracker.services.rules.schema import build_regime, validate
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import Measure, MeasureSource, MeasureText, Source

log = logging.getLogger(__name__)


class RuleFileError(UserFacingError):
    """A rule file that cannot be read or does not follow the schema."""

    def __init__(self, path: Path | str, problems: Iterable[str]) -> None:
        self.path = str(path)
        self.problems = tuple(problems)
        super().__init__(f"{self.path}: " + "; ".join(self.problems))


def bundled_rules_dir() -> Path:
    return paths.resources_dir() / "rules"


def user_rules_dir() -> Path:
    return paths.user_rules_dir()


def read_rule_file(path: Path) -> dict:
    """The parsed and schema-checked table of one rule file (raises ``RuleFileError``)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, [f"cannot read: {exc}"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(path, [f"not valid TOML: {exc}"]) from exc
    problems = validate(data)
    if problems:
        raise RuleFileError(path, problems)
    return data


def _measure_texts(engine: Engine, ref: MeasureRef) -> tuple[list[SearchText], str | None]:
    """The measure's own text slices, then its whole sources; or a problem if not found."""
    with session_scope(engine) as session:
        if ref.key:
            condition = Measure.key == ref.key
        else:
            condition = (func.upper(Measure.number) == (ref.number or "").upper()) & (
                func.upper(Measure.jurisdiction) == ref.jurisdiction
            )
        measure_ids = list(session.execute(select(Measure.id).where(condition)).scalars())
        if not measure_ids:
            wanted = f"key {ref.key}" if ref.key else f"number {ref.number} ({ref.jurisdiction})"
            return [], f"measure {ref.label} ({wanted}) is not in the store: ingest its source"
        slices = session.execute(
            select(MeasureText, Source.file_name, Source.text)
            .join(Source, Source.id == MeasureText.source_id)
            .where(MeasureText.measure_id.in_(measure_ids), Source.superseded.is_(False))
            .order_by(MeasureText.lang)
        ).all()
        whole = session.execute(
            select(Source.id, Source.file_name, Source.text)
            .join(MeasureSource, MeasureSource.source_id == Source.id)
            .where(MeasureSource.measure_id.in_(measure_ids), Source.superseded.is_(False))
            .order_by(Source.id)
        ).all()
    texts = [
        SearchText(t.source_id, name, t.span_start, text[t.span_start : t.span_end])
        for t, name, text in slices
    ]
    # A header line (a news item's date) is outside the measure's slice but in its source.
    texts += [SearchText(sid, name, 0, text) for sid, name, text in whole]
    return texts, None


@dataclass(frozen=True, slots=True)
class LoadProblem:
    path: str
    message: str


@dataclass
class RuleBook:
    """Every loaded regime: the newest version of each id, its older versions, and problems.

    Build it with ``RuleBook.load(engine)``; it holds no session and can be
    shared with a GUI thread.
    """

    versions: dict[str, list[Regime]] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    @classmethod
    def load(
        cls,
        engine: Engine,
        *,
        bundled_dir: Path | None = None,
        user_dir: Path | None = None,
    ) -> RuleBook:
        book = cls()
        sources = [
            (bundled_dir or bundled_rules_dir(), Provenance.BUNDLED),
            (user_dir or user_rules_dir(), Provenance.MANUAL),
        ]
        for directory, provenance in sources:
            for path in sorted(directory.glob("*.toml")) if directory.is_dir() else []:
                try:
                    regime = load_regime(path, engine=engine, provenance=provenance)
                except RuleFileError as exc:
                    book.problems += [LoadProblem(exc.path, p) for p in exc.problems]
                    log.warning("rule file refused: %s", exc)
                    continue
                book.add(regime)
        return book

    def add(self, regime: Regime) -> None:
        versions = self.versions.setdefault(regime.id, [])
        versions.append(regime)
        # Newest version first; a user's file wins over a bundled one of the same version.
        versions.sort(key=lambda r: (r.version, r.provenance == Provenance.MANUAL), reverse=True)
        for problem in regime.problems:
            self.problems.append(LoadProblem(regime.path, problem))

    @property
    def regimes(self) -> list[Regime]:
        """The current version of every regime, in id order."""
        return [self.versions[key][0] for key in sorted(self.versions)]

    def get(self, regime_id: str) -> Regime:
        try:
            return self.versions[regime_id][0]
        except KeyError:
            raise UserFacingError(f"no rule with id {regime_id!r}") from None

    def history(self, regime_id: str) -> list[Regime]:
        """Every loaded version of a regime, newest first."""
        return list(self.versions.get(regime_id, []))

    def by_kind(self, kind: str) -> list[Regime]:
        return [r for r in self.regimes if r.kind == kind]

    def first_of_kind(self, kind: str) -> Regime:
        found = self.by_kind(kind)
        if not found:
            raise UserFacingError(f"no rule file of kind {kind!r} is loaded")
        return found[0]

    def incentives(self) -> list[Regime]:
        return self.by_kind("incentive")

    def unverified(self) -> list[Regime]:
        return [r for r in self.regimes if not r.verified]


def load_regime(path: Path, *, engine: Engine, provenance: Provenance) -> Regime:
    """One rule file with every quote looked up in its measure's text."""
    data = read_rule_file(path)
    m = data["measure"]
    ref = MeasureRef(m.get("number"), m.get("key"), m["jurisdiction"].upper(), m["label"])
    texts, missing = _measure_texts(engine, ref)
    problems: list[str] = [missing] if missing else []
    lang = data.get("lang", "en")

    def resolve(quote: str) -> Clause:
        span = find_quote(quote, texts) if texts else None
        if span is None and not missing:
            problems.append(f"quote not found in {ref.label}: {normalize(quote)[:80]!r}")
        return Clause(quote=normalize(quote), span=span, lang=lang)

    # ``resolve`` appends to ``problems`` while building, so pass the tuple afterwards.
    regime = build_regime(data, resolve=resolve, provenance=provenance, path=str(path))
    if problems:
        log.warning("rule %s is unverified: %s", regime.id, "; ".join(problems))
    return replace(regime, problems=tuple(dict.fromkeys(problems)))


def save_user_rule(text: str, *, directory: Path | None = None) -> Path:
    """Check a user's rule file text with the schema and write it to the user rules folder.

    The file is named ``<id>-v<version>.toml``; an existing file of that id and
    version is refused, so a change is always a new version and the old one stays.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError("(new rule)", [f"not valid TOML: {exc}"]) from exc
    problems = validate(data)
    if problems:
        raise RuleFileError("(new rule)", problems)
    target_dir = directory or user_rules_dir()
    safe_id = "".join(c if c.isalnum() or c in "-_" else "_" for c in data["id"])
    target = target_dir / f"{safe_id}-v{data['version']}.toml"
    if target.exists():
        raise RuleFileError(target, ["this id and version already exist: raise the version"])
    target_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
