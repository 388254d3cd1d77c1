"""kg: turn English text into a knowledge graph (RDF, SPARQL, an HTML view). Imports neither spaCy nor pyvis."""
__all__: list[str] = []
