import math

import pytest

from claimbench.dataset.model import (
    Attribution,
    Claim,
    DateExpression,
    Document,
    Entity,
    Quantity,
    ValidationError,
    check_offsets,
    field_values,
)

TEXT = "Nordkorea hat mehr als 10.000 Soldaten entsandt, berichtete KCNA."


def document() -> Document:
    return Document(
        doc_id="009", seed_file="009_x.txt", title=None, outlet=None, published="2025-12", dct="2025-12-25",
        dct_inferred=True, language="de", text=TEXT, sha256="0" * 64,
    )  # fmt: skip


def claim(**changes: object) -> Claim:
    fields: dict[str, object] = dict(
        claim_id="009-01", doc_id="009", start=0, end=47, text=TEXT[:47], normalized="Nordkorea hat Soldaten entsandt.",
        modality="reported", polarity="positive", cluster_id="nk-soldiers",
        entities=(Entity("Nordkorea", 0, 9, "GPE", "Nordkorea"),),
        quantities=(Quantity("mehr als 10.000", 14, 29, 10000.0, None, "persons", ">", "Soldaten"),),
        attributions=(Attribution("KCNA", 60, 64, "KCNA", "berichtete", 49, 59, 0),),
    )  # fmt: skip
    fields.update(changes)
    return Claim(**fields)  # type: ignore[arg-type]


def test_a_valid_claim_matches_its_document() -> None:
    check_offsets(document(), claim())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"modality": "claimed"}, "modality"),
        ({"polarity": "neutral"}, "polarity"),
        ({"claim_id": "009-1"}, "claim_id"),
        ({"claim_id": "008-01"}, "claim_id"),
        ({"start": 10, "end": 10}, "end"),
        ({"cluster_id": "Not A Slug"}, "cluster_id"),
        ({"normalized": " "}, "normalized"),
    ],
)
def test_invalid_claim_fields_are_refused(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        claim(**changes)
    assert error.value.field == field


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "10000"])
def test_quantity_values_must_be_finite_numbers(value: object) -> None:
    with pytest.raises(ValidationError, match="value"):
        Quantity("x", 0, 1, value, None, "persons", "=", "x")  # type: ignore[arg-type]


def test_quantity_range_must_not_be_reversed() -> None:
    with pytest.raises(ValidationError, match="value_max"):
        Quantity("x", 0, 1, 5.0, 4.0, "USD", "=", "x")


@pytest.mark.parametrize(("unit", "qualifier"), [("dollars", "="), ("USD", "about")])
def test_quantity_enums(unit: str, qualifier: str) -> None:
    with pytest.raises(ValidationError):
        Quantity("x", 0, 1, 5.0, None, unit, qualifier, "x")


def test_entity_type_and_date_fields_are_closed() -> None:
    with pytest.raises(ValidationError, match="type"):
        Entity("x", 0, 1, "PERSON", "x")
    with pytest.raises(ValidationError, match="mod"):
        DateExpression("x", 0, 1, "2025", "DATE", "AROUND")
    with pytest.raises(ValidationError, match="value"):
        DateExpression("x", 0, 1, "letztes Jahr", "DATE", None)


def test_attribution_depths_must_run_outermost_first() -> None:
    inner = Attribution("KCNA", 60, 64, "KCNA", "berichtete", 49, 59, 1)
    with pytest.raises(ValidationError, match="depths"):
        claim(attributions=(inner,))


def test_offsets_are_checked_against_the_text() -> None:
    with pytest.raises(ValidationError) as error:
        check_offsets(document(), claim(entities=(Entity("Nordkorea", 1, 10, "GPE", "Nordkorea"),)))
    assert error.value.field == "entities[0].text"
    with pytest.raises(ValidationError, match="outside the claim span"):
        check_offsets(document(), claim(attributions=(), entities=(Entity("KCNA", 60, 64, "ORG", "KCNA"),)))
    with pytest.raises(ValidationError, match="ends after the document"):
        check_offsets(document(), claim(end=500, text="x" * 500))


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"doc_id": "9"}, "doc_id"), ({"dct": "2025-12"}, "dct"), ({"published": "25.12.2025"}, "published"),
     ({"dct_inferred": "yes"}, "dct_inferred"), ({"seed_file": "001_x.txt"}, "seed_file")],
)  # fmt: skip
def test_invalid_document_fields_are_refused(changes: dict[str, object], field: str) -> None:
    fields = {**field_values(document()), **changes}
    with pytest.raises(ValidationError) as error:
        Document(**fields)  # type: ignore[arg-type]
    assert error.value.field == field


PART_FACTORIES = {
    "entities": lambda **mark: Entity("Nordkorea", 0, 9, "GPE", "Nordkorea", **mark),
    "quantities": lambda **mark: Quantity("mehr als 10.000", 14, 29, 10000.0, None, "persons", ">", "Soldaten", **mark),
    "dates": lambda **mark: DateExpression("2025", 0, 4, "2025", "DATE", None, **mark),
    "attributions": lambda **mark: Attribution("KCNA", 60, 64, "KCNA", "berichtete", 49, 59, 0, **mark),
}


@pytest.mark.parametrize("part", sorted(PART_FACTORIES))
def test_every_part_is_required_unless_marked_optional_with_a_rule(part: str) -> None:
    make = PART_FACTORIES[part]
    assert make().optional is False and make().optional_reason is None
    marked = make(optional=True, optional_reason="§13.1: both readings")
    assert marked.optional is True and marked.optional_reason == "§13.1: both readings"


@pytest.mark.parametrize("part", sorted(PART_FACTORIES))
@pytest.mark.parametrize(
    ("mark", "field"),
    [
        ({"optional": True}, "optional_reason"),
        ({"optional": True, "optional_reason": "weil"}, "optional_reason"),
        ({"optional": True, "optional_reason": "§13.1:"}, "optional_reason"),
        ({"optional": False, "optional_reason": "§13.1: x"}, "optional_reason"),
        ({"optional_reason": "§13.1: x"}, "optional_reason"),
        ({"optional": "yes", "optional_reason": "§13.1: x"}, "optional"),
    ],
)
def test_optional_reason_is_required_exactly_when_optional(part: str, mark: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        PART_FACTORIES[part](**mark)
    assert error.value.field == field
    with pytest.raises(ValidationError) as error:
        claim(**mark)
    assert error.value.field == field


def test_the_parts_of_an_optional_claim_are_optional_too() -> None:
    mark = {"optional": True, "optional_reason": "§13.2: presupposed fact"}
    with pytest.raises(ValidationError) as error:
        claim(**mark)
    assert error.value.field == "entities[0].optional"
    optional_parts = {name: (PART_FACTORIES[name](**mark),) for name in ("entities", "quantities", "attributions")}
    assert claim(**mark, **optional_parts).optional is True
    assert claim(**optional_parts).optional is False  # optional parts inside a required claim are fine
