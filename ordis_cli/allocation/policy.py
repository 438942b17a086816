"""The allocation policy: reach, caps, substitutions, date. From options or a TOML file."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from ..errors import UsageError
from ..messages import Lang, say, value_label
from ..models import DeviceType
from ..policy_words import EitherLanguage
from ..toml_faults import key_line, syntax_fault, toml_text


class Scope(EitherLanguage):
    DEPARTEMENT = "departement"
    REGION = "region"
    NATIONAL = "national"


class Share(EitherLanguage):
    """How the structures of one priority level share the lots they compete for in a round:
    ``equitable`` by children (units one at a time to the fewest units per child so far),
    ``demande`` each in turn its whole remaining request (the first version)."""

    EQUITABLE = "equitable"
    DEMANDE = "demande"


class Method(EitherLanguage):
    """How the plan is found: ``glouton`` by the rounds (greedy), ``optimal`` by a linear
    program (HiGHS) that gives the most units to each priority level in turn."""

    GLOUTON = "glouton"
    OPTIMAL = "optimal"


ROUNDS: dict[Scope, tuple[Scope, ...]] = {
    Scope.DEPARTEMENT: (Scope.DEPARTEMENT,),
    Scope.REGION: (Scope.DEPARTEMENT, Scope.REGION),
    Scope.NATIONAL: (Scope.DEPARTEMENT, Scope.REGION, Scope.NATIONAL),
}


class Coordination(BaseModel):
    """Whom a partner contacts about its workbook (policy table ``[coordination]``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nom: str | None = None
    email: str | None = None
    telephone: str | None = None
    ville: str | None = None  # the press release's dateline ("Paris, le 15 mai 2020 —")


class Policy(BaseModel):
    """How far lots may travel, how many units of a type one structure may get in a run,
    how one priority level shares scarce lots, which types may stand in for others once
    every round is done, and the day of the run (lots not available by then are left
    out)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scope: Scope = Scope.NATIONAL
    cap: int | None = Field(default=None, ge=1, strict=True)  # `cap = true` is no number
    share: Share = Share.EQUITABLE
    method: Method = Method.GLOUTON
    substitutions: dict[DeviceType, tuple[DeviceType, ...]] = Field(default_factory=dict)
    date: dt.date = Field(default_factory=dt.date.today)
    coordination: Coordination = Field(default_factory=Coordination)

    @field_validator("substitutions", mode="before")
    @classmethod
    def _each_need_once(cls, value: Any) -> Any:
        """``desktop`` and ``fixe`` are one need: given both, one list would silently replace
        the other."""
        if isinstance(value, dict):
            seen: dict[DeviceType, object] = {}
            for need in value:
                try:
                    device = DeviceType(need)
                except ValueError:
                    continue  # said by the field's own check
                if device in seen:
                    raise PydanticCustomError(
                        "twice_substituted",
                        "{device} is given twice",
                        {"device": device, "first": seen[device], "again": need},
                    )
                seen[device] = need
        return value

    @field_validator("substitutions")
    @classmethod
    def _no_self_substitution(
        cls, value: dict[DeviceType, tuple[DeviceType, ...]]
    ) -> dict[DeviceType, tuple[DeviceType, ...]]:
        for need, substitutes in value.items():
            if need in substitutes:
                raise PydanticCustomError(
                    "self_substitution", "{device} cannot stand in for itself", {"device": need}
                )
        return value

    @property
    def rounds(self) -> tuple[Scope, ...]:
        return ROUNDS[self.scope]

    def as_json(self) -> str:
        return self.model_dump_json()


def load_policy(path: Path | None, overrides: dict[str, Any], lang: Lang = "fr") -> Policy:
    """A policy from a TOML file (if any), then the command-line options that were given."""
    data: dict[str, Any] = {}
    text = ""
    if path is not None:
        data, text = _read(path, lang)
    given = {k: v for k, v in overrides.items() if v is not None}
    data.update(given)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        faults, from_file = [], False
        for error in exc.errors():
            keys = tuple(p for p in error["loc"] if isinstance(p, str) and p != "[key]")
            where = _OPTIONS.get(keys[0], keys[0]) if keys and keys[0] in given else None
            from_file = from_file or where is None
            if where is None and path is not None:  # the file: its line
                line = key_line(text, keys)
                where = (
                    say("hint-policy-where", lang, name=".".join(keys), path=path.name, line=line)
                    if line
                    else None
                )
            faults.append(_fault(error, lang, where or ".".join(keys) or "?"))
        details = ("; " if lang == "en" else " ; ").join(faults)
        # an option alone at fault: no word of the file's keys
        said = say("bad-policy" if from_file else "hint-policy-options", lang, detail=details)
        raise UsageError("bad-policy", said) from exc


# a policy key given on the command line -> its option, to name it in a refusal
_OPTIONS = {
    "scope": "--scope",
    "cap": "--cap",
    "share": "--share",
    "method": "--method",
    "substitutions": "--substitute",
    "date": "--date",
}


def _read(path: Path, lang: Lang) -> tuple[dict[str, Any], str]:
    """The policy file's table and text; a file that cannot be read or is not TOML is
    exit 2, said with its line and column."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        return tomllib.loads(text), text
    except FileNotFoundError as exc:
        detail = say("hint-no-such-file", lang, path=path)
        raise UsageError("bad-policy", say("bad-policy", lang, detail=detail)) from exc
    except OSError as exc:  # a folder, no permission
        detail = say("hint-unreadable-file", lang, path=path)
        raise UsageError("bad-policy", say("bad-policy", lang, detail=detail)) from exc
    except UnicodeDecodeError as exc:
        detail = f"{path}, {say('hint-toml-not-utf8', lang)}"
        raise UsageError("bad-policy", say("bad-policy", lang, detail=detail)) from exc
    except tomllib.TOMLDecodeError as exc:
        line, fault = syntax_fault(exc, text, lang)
        detail = say("hint-policy-value", lang, name=f"{path}:{line}", fault=fault)
        raise UsageError("bad-policy", say("bad-policy", lang, detail=detail)) from exc


# pydantic's error types -> the catalogue's sentence (pydantic says them in English)
_FAULTS = {
    "extra_forbidden": "hint-policy-unknown-key",
    "int_parsing": "hint-policy-whole-number",
    "int_type": "hint-policy-whole-number",
    "int_from_float": "hint-policy-whole-number",
    "greater_than_equal": "hint-policy-at-least",
    "enum": "hint-policy-one-of",
    "literal_error": "hint-policy-one-of",
    "date_type": "hint-policy-date",
    "date_parsing": "hint-policy-date",
    "date_from_datetime_parsing": "hint-policy-date",
    "date_from_datetime_inexact": "hint-policy-date",
    "string_type": "hint-policy-text",
    "tuple_type": "hint-policy-list",
    "list_type": "hint-policy-list",
    "dict_type": "hint-policy-table",
    "model_type": "hint-policy-table",
    "self_substitution": "hint-policy-self-substitution",
    "twice_substituted": "hint-policy-twice-substituted",
}
# the faults of a value of the wrong type: a text is quoted as a text there (cap = "2")
_TYPE_FAULTS = frozenset(
    {"int_parsing", "int_type", "int_from_float", "date_type", "date_parsing"}
    | {"date_from_datetime_parsing", "date_from_datetime_inexact"}
    | {"tuple_type", "list_type", "dict_type", "model_type", "string_type"}
)


def _fault(error: ErrorDetails, lang: Lang, where: str) -> str:
    """One value of the policy that does not fit, in ``lang``: where it is (``where``: its
    key and line, or its option) and what is wrong (« cap (politique.toml, ligne 2) : un
    nombre entier est attendu, pas « "beaucoup" » »), the value quoted short as TOML
    writes it (a text in quotes where its type is at fault)."""
    context = error.get("ctx") or {}
    found = error.get("input")
    value = toml_text(found, inside=error["type"] in _TYPE_FAULTS)
    # pydantic's "'departement', 'region' or 'national'": the words, in the language
    choices = [word.strip(" '") for word in re.split(r",| or ", str(context.get("expected", "")))]
    key = str(error["loc"][0]) if error["loc"] else ""
    column = "materiel" if key == "substitutions" else key  # whose words they are
    choices = [value_label(column, word, lang) for word in choices]
    fields = {
        "value": value if len(value) <= 60 else value[:60] + "…",
        "limit": context.get("ge"),
        "choices": ", ".join(word for word in choices if word),
        "device": value_label("materiel", str(context.get("device")), lang),
        "first": context.get("first"),
        "again": context.get("again"),
    }
    # each sentence takes the fields it names
    fault = say(_FAULTS.get(error["type"], "hint-policy-invalid"), lang, **fields)
    return say("hint-policy-value", lang, name=where, fault=fault)
