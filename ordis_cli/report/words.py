"""The words of the reports, in French and English."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Des ordis pour nos enfants — point d'étape",
        "device": "Matériel", "dispatched": "Expédiés", "delivered": "Livrés",
        "total": "Total", "structures_equipped": "structures équipées",
        "coverage": "des besoins couverts", "boxes": "box 4G livrées",
        "financial": "de dons financiers", "by_region": "Par région", "region": "Région",
        "structures": "Structures équipées", "weekly": "Livraisons par semaine",
        "week": "Semaine", "cumulative": "Cumul", "by_partner": "Par partenaire logistique",
        "partner": "Partenaire", "by_donor_type": "Par type de donateur",
        "donor_type": "Type de donateur", "thanks": "Merci à nos donateurs",
        "private_donors": "et {count} donateurs particuliers",
        "kpi_delivered": "équipements livrés",
        "chart_weekly": "Équipements livrés, cumul semaine après semaine",
        "chart_regions": "Équipements livrés par région",
        "chart_types": "Par type de matériel",
        "legend_dispatched": "expédiés", "legend_delivered": "livrés",
        "footer": "Chiffres agrégés au niveau régional ; aucune structure n'est nommée et les "
                  "effectifs inférieurs à 3 structures sont masqués (« < 3 »).",
        "headline": "{delivered} équipements livrés à {structures} structures de l'ASE",
        "sentence": "{rounded} ordinateurs livrés aux enfants de l'Aide sociale à l'enfance",
        "sentence_devices": "{rounded} équipements livrés aux enfants de l'Aide sociale à "
                            "l'enfance",
        "as_of": "au {date}",
        "portable": "Ordinateurs portables", "fixe": "Ordinateurs fixes",
        "tablette": "Tablettes", "box_4g": "Box 4G",
    },
    "en": {
        "title": "Computers for our children — progress report",
        "device": "Equipment", "dispatched": "Dispatched", "delivered": "Delivered",
        "total": "Total", "structures_equipped": "homes equipped",
        "coverage": "of the needs covered", "boxes": "4G boxes delivered",
        "financial": "in financial gifts", "by_region": "By région", "region": "Région",
        "structures": "Homes equipped", "weekly": "Deliveries by week", "week": "Week",
        "cumulative": "Cumulative", "by_partner": "By logistics partner",
        "partner": "Partner", "by_donor_type": "By donor type", "donor_type": "Donor type",
        "thanks": "Thank you to our donors",
        "private_donors": "and {count} private donors",
        "kpi_delivered": "devices delivered",
        "chart_weekly": "Devices delivered, cumulative week by week",
        "chart_regions": "Devices delivered by région", "chart_types": "By type of device",
        "legend_dispatched": "dispatched", "legend_delivered": "delivered",
        "footer": "Figures aggregated at région level; no home is named and counts under 3 "
                  "homes are hidden (“< 3”).",
        "headline": "{delivered} devices delivered to {structures} child-welfare homes",
        "sentence": "{rounded} computers delivered to children in care",
        "sentence_devices": "{rounded} devices delivered to children in care",
        "as_of": "as of {date}",
        "portable": "Laptops", "fixe": "Desktops", "tablette": "Tablets", "box_4g": "4G boxes",
    },
}

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
