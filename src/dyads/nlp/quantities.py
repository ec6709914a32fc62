"""The `dyads_quantities` spaCy component (placeholder until it is written)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Quantity

if not Doc.has_extension("dyads_quantities"):
    Doc.set_extension("dyads_quantities", default=None)


@Language.factory("dyads_quantities", assigns=["doc._.dyads_quantities"], requires=["doc._.dyads_actors"])
def make_quantities(nlp: Language, name: str):
    return QuantitiesComponent()


class QuantitiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dyads_quantities = []
        return doc


def quantity_results(doc: Doc) -> list[Quantity]:
    """The contract's quantities of a processed Doc, numbered N1, N2, ... in text order."""
    return list(doc._.dyads_quantities or [])
