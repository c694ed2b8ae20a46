"""regint.knowledge: a sourced, time-aware knowledge base of Central Asia's integration architecture.

Organisations, membership spells, agreements and events live as reviewed YAML records in
``data/knowledge``; :func:`read_kb` validates and loads them, and the query modules answer
questions such as "who belonged to what on a date" with the evidence attached.
"""

from regint.knowledge.base import KnowledgeBase, Problem
from regint.knowledge.load import check_kb, read_kb
from regint.knowledge.results import StatusAnswer, Table

__all__ = ["KnowledgeBase", "Problem", "StatusAnswer", "Table", "check_kb", "read_kb"]
