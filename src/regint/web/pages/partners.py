"""Partners: each state's external-partner profile over time ("who does each state lean on")."""

from __future__ import annotations

from pydantic import Field

from regint.core.errors import InputError
from regint.core.options import BASIS_DEFAULT, Basis
from regint.core.vocab import FIRST_YEAR, LAST_YEAR
from regint.web.pages import cached
from regint.web.pages.base import Page, Params, View, merge_origins
from regint.web.pages.trade import REGION_PATTERN


class PartnersParams(Params):
    country: str = Field(
        "KAZ", pattern=r"^[A-Za-z]{3}$", description="A member state (ISO3) whose profile is drawn."
    )
    year: int | None = Field(
        None,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Year of the all-states comparison (default: latest).",
    )
    region: str = Field("c5", pattern=REGION_PATTERN, description="Region id (c5, eaeu, ...).")
    basis: Basis = Field(BASIS_DEFAULT, description="Trade basis.")


def build(params: PartnersParams) -> View:
    profile = cached.series("partner_profile", params.region, "country", params.basis)
    members = sorted(str(c) for c in profile["country"].unique())
    country = params.country.upper()
    if country not in members:
        raise InputError(
            "country", f"'{country}' is not a member of {params.region}; choose one of {members}"
        )
    year = cached.pick_year(profile, params.year)
    return View(
        tables={
            "profile": profile[profile["country"] == country].reset_index(drop=True),
            "states": profile[profile["year"] == year].reset_index(drop=True),
        },
        origins=merge_origins(profile.attrs["provenance"]),
        notes=list(profile.attrs["provenance"].get("notes", [])),
        choices={
            "members": members,
            "country": country,
            "year": year,
            "years": sorted(int(y) for y in profile["year"].unique()),
            "groups": list(dict.fromkeys(str(g) for g in profile["group"])),
            "regions": list(cached.REGION_CHOICES),
            "bases": list(cached.BASES),
        },
    )


PAGE = Page(
    id="partners",
    title="Partners",
    summary="Each state's trade by partner group over time: the measurable face of bandwagoning.",
    params=PartnersParams,
    build=build,
    tables=("profile", "states"),
)
