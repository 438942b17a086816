"""The allocation policy: reach, caps, substitutions, date. From options or a TOML file."""

from __future__ import annotations

import datetime as dt
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import UsageError
from ..messages import Lang, say
from ..models import DeviceType


class Scope(StrEnum):
    DEPARTEMENT = "departement"
    REGION = "region"
    NATIONAL = "national"


class Share(StrEnum):
    """How the structures of one priority level share the lots they compete for in a round:
    ``equitable`` by children (units one at a time to the fewest units per child so far),
    ``demande`` each in turn its whole remaining request (the first version)."""

    EQUITABLE = "equitable"
    DEMANDE = "demande"


class Method(StrEnum):
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
    cap: int | None = Field(default=None, ge=1)
    share: Share = Share.EQUITABLE
    method: Method = Method.GLOUTON
    substitutions: dict[DeviceType, tuple[DeviceType, ...]] = Field(default_factory=dict)
    date: dt.date = Field(default_factory=dt.date.today)
    coordination: Coordination = Field(default_factory=Coordination)

    @field_validator("substitutions")
    @classmethod
    def _no_self_substitution(
        cls, value: dict[DeviceType, tuple[DeviceType, ...]]
    ) -> dict[DeviceType, tuple[DeviceType, ...]]:
        for need, substitutes in value.items():
            if need in substitutes:
                raise ValueError(f"{need} ne peut pas se substituer à lui-même")
        return value

    @property
    def rounds(self) -> tuple[Scope, ...]:
        return ROUNDS[self.scope]

    def as_json(self) -> str:
        return self.model_dump_json()


def load_policy(path: Path | None, overrides: dict[str, Any], lang: Lang = "fr") -> Policy:
    """A policy from a TOML file (if any), then the command-line options that were given."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            detail = say("hint-no-such-file", lang, path=path)
            raise UsageError("bad-policy", say("bad-policy", lang, detail=detail)) from exc
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(
                "bad-policy", say("bad-policy", lang, detail=f"{path}: {exc}")
            ) from exc
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise UsageError("bad-policy", say("bad-policy", lang, detail=details)) from exc
