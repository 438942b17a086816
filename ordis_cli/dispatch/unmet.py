"""Why a need is not met, in words, when several reasons share it (SPEC §4).

The engine gives each unmet need one reason, from the state of the stock once the run is
over. A need may be short for several reasons at once: part of it could come later (a lot
of that type is not yet available at the run's date), part is held in stock no partner can
bring to the structure (out of every partner's zone, of ``--scope`` or of their capacity),
and the rest has no stock at all. The units of each kind of stock left are shared out over
the unmet needs of the type, in the order of the sheet; a need short for one reason only
keeps the engine's words.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..allocation import Plan, Policy, Unmet
from ..allocation.inputs import Inputs
from ..messages import Lang, say

# the engine's reasons that mean "there is stock, but not for this structure"
_ELSEWHERE = ("out-of-scope", "partner-zone", "partner-capacity")


def _stock_left(plan: Plan, inputs: Inputs, policy: Policy) -> tuple[Counter[str], Counter[str]]:
    """Units left per type: in lots available only after the run's date, and in the rest."""
    later: Counter[str] = Counter()
    now: Counter[str] = Counter()
    for lot in inputs.lots:
        left = plan.leftover.get(lot.id, 0)
        if lot.available_on is not None and lot.available_on > policy.date:
            later[lot.device.value] += left
        else:
            now[lot.device.value] += left
    return later, now


def unmet_reasons(
    items: list[Unmet], plan: Plan, inputs: Inputs, policy: Policy, lang: Lang
) -> list[str]:
    """The ``raison`` of each of ``items``, in their order."""
    later, now = _stock_left(plan, inputs, policy)
    first_later: dict[str, dt.date] = {}
    for lot in inputs.lots:
        if (
            lot.available_on is not None
            and lot.available_on > policy.date
            and plan.leftover.get(lot.id, 0)
        ):
            known = first_later.get(lot.device.value, lot.available_on)
            first_later[lot.device.value] = min(known, lot.available_on)
    reasons = []
    for item in items:
        plain = say(f"reason-{item.reason}", lang, cap=policy.cap, scope=policy.scope.value)
        if item.reason == "cap":
            reasons.append(plain)
            continue
        device, wanted = item.device.value, item.quantity
        soon = min(wanted, later[device])
        later[device] -= soon
        there = min(wanted - soon, now[device])
        now[device] -= there
        none = wanted - soon - there
        if sum(1 for part in (soon, there, none) if part) < 2:
            reasons.append(plain)
            continue
        elsewhere = item.reason if item.reason in _ELSEWHERE else "partner-zone"
        parts = []
        if soon:
            parts.append(
                say(
                    "reason-part-later",
                    lang,
                    units=soon,
                    date=first_later[device].strftime("%d/%m/%Y"),
                )
            )
        if there:
            parts.append(
                say(
                    "reason-part-elsewhere",
                    lang,
                    units=there,
                    why=say(f"reason-{elsewhere}", lang, scope=policy.scope.value),
                )
            )
        if none:
            parts.append(say("reason-part-no-stock", lang, units=none))
        reasons.append(say("reason-mixed", lang, parts="; ".join(parts)))
    return reasons
