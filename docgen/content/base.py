"""The base of every model of docgen's input (content files and the house profile):
unknown fields are errors, types are strict, values frozen."""

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
