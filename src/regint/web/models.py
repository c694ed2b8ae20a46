"""Response models: what the OpenAPI schema promises about every JSON body."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Origins(BaseModel):
    """Where a response's figures come from: sources with licences, the warehouse build, views."""

    model_config = ConfigDict(extra="allow")

    sources: list[dict[str, Any]] = Field(description="Producer, title, licence, citation, URLs.")
    build: dict[str, Any] = Field(description="Warehouse fingerprint, code version, build time.")
    views: list[dict[str, Any]] = Field(
        default_factory=list, description="The api calls behind the view and their options."
    )


class TableBody(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]


class ViewBody(BaseModel):
    """A page's JSON twin: the validated parameters, its tables, its origins."""

    page: str
    title: str
    params: dict[str, Any]
    choices: dict[str, Any]
    tables: dict[str, TableBody]
    downloads: dict[str, dict[str, str]]
    notes: list[str]
    origins: Origins


class PageLink(BaseModel):
    id: str
    title: str
    summary: str
    html: str
    json_url: str = Field(alias="json")
    tables: list[str]

    model_config = ConfigDict(populate_by_name=True)


class IndexBody(BaseModel):
    """The API's entry point: its version and its pages."""

    name: str
    version: str
    api: str
    openapi: str
    pages: list[PageLink]
