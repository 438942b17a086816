"""The report (SPEC §6): what ``ordis report --donor NAME`` says when it cannot write a
donor's page. Each entry: stable key -> (French, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- report --donor (exit 2: a name the ledger does not know) ---
    "unknown-donor": (
        "--donor « {value} » : aucun donateur de ce nom dans le registre (majuscules, "
        "accents et ponctuation ne comptent pas). {known}",
        "--donor “{value}”: no donor of that name in the ledger (case, accents and "
        "punctuation do not matter). {known}",
    ),
    "term-donors-close": (
        "Donateurs connus les plus proches : {names}.",
        "Closest known donors: {names}.",
    ),
    "term-donor-close": (
        "Donateur connu le plus proche : {names}.",
        "Closest known donor: {names}.",
    ),
    "term-donors-some": (
        "Aucun nom proche ; le registre connaît {count} organisations donatrices, dont {names}.",
        "No name close to it; the ledger knows {count} donor organisations, among them {names}.",
    ),
    "term-no-donor-known": (
        "Le registre ne connaît encore aucune organisation donatrice.",
        "The ledger knows no donor organisation yet.",
    ),
    # --- report --donor (exit 1: the data forbids the page) ---
    "private-donor-page": (
        "--donor « {value} » : ce donateur est enregistré comme particulier (ou sans type de "
        "donateur reconnu) : son nom n'est jamais imprimé dans un rapport, il n'a donc pas de "
        "page donateur. Remerciez-le directement ; si c'est une organisation, indiquez son "
        "type_donateur (entreprise, fondation, association, reconditionneur, collectivite, "
        "etat) dans le fichier des dons et relancez ordis allocate.",
        "--donor “{value}”: this donor is recorded as a private person (or without a known "
        "donor type): its name is never printed in a report, so it has no donor page. Thank "
        "them directly; if it is an organisation, give its donor type (company, foundation, "
        "association, refurbisher, local authority, state) in the donations file and run "
        "ordis allocate again.",
    ),
}
