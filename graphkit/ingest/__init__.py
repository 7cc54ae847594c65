"""Text to graph: read articles, run spaCy with graphkit's dictionaries and rules."""

from .extract import Extractor
from .reader import ArticleText, article_from_text, iter_article_paths, read_article

__all__ = ["ArticleText", "Extractor", "article_from_text", "iter_article_paths", "read_article"]
