#!/usr/bin/env python3
"""A Solr-protocol stand-in for the local CKAN portal (development and tests only).

Why it exists: no Solr can be installed on this machine (not on PyPI, npm or Debian),
yet CKAN 2.10+ re-indexes every dataset write synchronously and rolls the write back if
the index fails, so CKAN cannot even create a dataset without a Solr endpoint.

What is real and what is not: CKAN's database, auth, validation, uploads, downloads and
DataStore are the real thing. Search is NOT: this server keeps CKAN's index documents in
memory (optionally in an append-only JSON-lines file, so a restart keeps them) and answers
only simple queries: `*:*`, `field:value`, `field:"a phrase"`, `field:(a OR b)`, `+`/`-`
clauses, AND/OR/NOT, trailing-`*` wildcards and `[a TO b]` ranges. Free text is matched
by whole words (lower-cased, accents folded; no stemming, no relevance: every score is
1.0). Field types, stored flags and copyFields come from the CKAN schema.xml it is given,
so `text`, `capacity:public` or `permission_labels` filters behave like CKAN expects for
the simple cases that package_search and the organization and group pages use.

What CKAN calls, relative to its `solr_url`:
  GET  /select?q=*:*&rows=1&wt=json        liveness (POST form when the query is long)
  GET  /schema?wt=schema.xml               the schema, whose root name CKAN checks
  GET  /admin/file/?file=schema.xml        (the same, "classic" path)
  POST /update?commit=true                 JSON array of documents (unique key from the
                                           schema, `index_id` for CKAN) or XML
                                           <add>, <delete><id|query>, <commit/>

Run: python3 solr_standin.py --port 8983 --schema .../ckan/config/solr/schema.xml
     [--data docs.jsonl]. Standard library only.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import logging
import os
import re
import signal
import sys
import threading
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger("solr_standin")

Doc = dict[str, Any]


class QueryError(ValueError):
    """A query this stand-in cannot parse; answered as HTTP 400 like Solr does."""


# --------------------------------------------------------------------------- schema


@dataclass
class FieldInfo:
    tokenized: bool
    stored: bool
    numeric: bool


class Schema:
    """What the matcher needs from schema.xml: field types, stored flags, copyFields."""

    def __init__(self, xml_text: str) -> None:
        self.xml = xml_text
        root = ET.fromstring(xml_text)
        self.name = root.get("name", "")
        self.unique_key = (root.findtext("uniqueKey") or "id").strip()
        types: dict[str, str] = {}
        for el in root.iter():
            if el.tag in ("fieldType", "fieldtype"):
                types[el.get("name", "")] = el.get("class", "")
        self._fields: dict[str, FieldInfo] = {}
        self._dynamic: list[tuple[str, FieldInfo]] = []
        for el in root.iter():
            if el.tag not in ("field", "dynamicField"):
                continue
            cls = types.get(el.get("type", ""), "")
            info = FieldInfo(
                tokenized=cls.endswith("TextField"),
                stored=el.get("stored", "true") == "true",
                numeric=any(n in cls for n in ("Int", "Long", "Float", "Double")),
            )
            (
                self._fields.__setitem__(el.get("name", ""), info)
                if el.tag == "field"
                else self._dynamic.append((el.get("name", ""), info))
            )
        # Solr tries the longest dynamic pattern first; "*" is the catch-all.
        self._dynamic.sort(key=lambda item: -len(item[0]))
        self._copies = [(el.get("source", ""), el.get("dest", "")) for el in root.iter("copyField")]

    def info(self, name: str) -> FieldInfo:
        if name in self._fields:
            return self._fields[name]
        for pattern, info in self._dynamic:
            if fnmatch.fnmatchcase(name, pattern):
                return info
        return FieldInfo(tokenized=False, stored=True, numeric=False)

    def copy_targets(self, name: str) -> list[str]:
        return [dest for source, dest in self._copies if dest != name and fnmatch.fnmatchcase(name, source)]


# --------------------------------------------------------------------------- values


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def tokens(text: str) -> list[str]:
    """Lower-cased words with accents folded: "Saúde Pública" -> ["saude", "publica"]."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"\w+", folded.lower())


@dataclass
class Entry:
    """A stored document plus its indexed values (copyFields applied)."""

    doc: Doc
    values: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, schema: Schema) -> Entry:
        entry = cls(doc)
        for name, raw in doc.items():
            items = raw if isinstance(raw, list) else [raw]
            texts = [as_text(v) for v in items if v is not None]
            for target in [name, *schema.copy_targets(name)]:
                entry.values.setdefault(target, []).extend(texts)
        return entry


# --------------------------------------------------------------------------- query parsing

MUST, SHOULD, MUST_NOT = "must", "should", "must_not"

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<open>\() | (?P<close>\)) |
        (?P<and>&&|AND(?=[\s()]|$)) | (?P<or>\|\||OR(?=[\s()]|$)) | (?P<not>NOT(?=[\s()]|$)) |
        (?P<phrase>"(?:\\.|[^"\\])*")(?:~\d+)?(?:\^[\d.]+)? |
        (?P<range>[\[{][^\]}]*[\]}]) |
        (?P<mod>[+\-!])(?=\S) |
        (?P<field>(?:\\.|[^\s():"\\])+):(?!\s) |
        (?P<word>(?:\\.|[^\s()"\\])+)
    )""",
    re.VERBOSE,
)


@dataclass
class Term:
    kind: str  # "word" | "phrase" | "range"
    text: str = ""
    wildcard: bool = False
    low: str = "*"
    high: str = "*"


Node = tuple[Any, ...]  # ("all",) | ("term", fields, Term) | ("bool", [(occur, Node)])


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


class Parser:
    """Lucene's classic syntax, the subset CKAN sends; clause occurs as the classic parser sets them."""

    def __init__(self, query: str, default_fields: tuple[str, ...], default_and: bool) -> None:
        self.toks: list[tuple[str, str]] = []
        pos = 0
        query = query.strip()
        while pos < len(query):
            m = _TOKEN.match(query, pos)
            if not m or m.end() == pos:
                raise QueryError(f"cannot parse query near {query[pos : pos + 30]!r}")
            kind = m.lastgroup or ""
            self.toks.append((kind, m.group(kind)))
            pos = m.end()
            while pos < len(query) and query[pos].isspace():
                pos += 1
        self.i = 0
        self.default_fields = default_fields
        self.default_and = default_and

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self._bool(self.default_fields)
        if self.peek() is not None:
            raise QueryError("unbalanced parentheses")
        return node

    def _bool(self, fields: tuple[str, ...]) -> Node:
        clauses: list[list[Any]] = []
        while self.peek() not in (None, "close"):
            conj = None
            if self.peek() in ("and", "or"):
                conj = self.take()[0]
            mod = None
            if self.peek() == "mod":
                mod = MUST if self.take()[1] == "+" else MUST_NOT
            elif self.peek() == "not":
                self.take()
                mod = MUST_NOT
            if self.peek() in (None, "close"):
                break
            node = self._clause(fields)
            if clauses and conj == "and" and clauses[-1][0] != MUST_NOT:
                clauses[-1][0] = MUST
            if clauses and conj == "or" and self.default_and and clauses[-1][0] != MUST_NOT:
                clauses[-1][0] = SHOULD
            if mod == MUST_NOT:
                occur = MUST_NOT
            elif mod == MUST or (conj == "and") or (self.default_and and conj != "or"):
                occur = MUST
            else:
                occur = SHOULD
            clauses.append([occur, node])
        return ("bool", [(occur, node) for occur, node in clauses])

    def _clause(self, fields: tuple[str, ...]) -> Node:
        if self.peek() == "field":
            name = _unescape(self.take()[1])
            if name == "*" and self.peek() == "word" and self.toks[self.i][1] == "*":
                self.take()
                return ("all",)
            fields = (name,)
        kind = self.peek()
        if kind == "open":
            self.take()
            node = self._bool(fields)
            if self.peek() != "close":
                raise QueryError("missing closing parenthesis")
            self.take()
            return node
        if kind == "phrase":
            return ("term", fields, Term("phrase", _unescape(self.take()[1].rsplit('"', 1)[0][1:])))
        if kind == "range":
            text = self.take()[1]
            parts = text[1:-1].split(" TO ")
            if len(parts) != 2:
                raise QueryError(f"bad range {text!r}")
            low, high = (p.strip().strip('"') for p in parts)
            return ("term", fields, Term("range", low=low, high=high))
        if kind == "word":
            raw = re.sub(r"\^[\d.]+$", "", self.take()[1])  # boosts do not matter without scoring
            wildcard = bool(re.search(r"(?<!\\)[*?]", raw))
            return ("term", fields, Term("word", _unescape(raw) if not wildcard else raw, wildcard))
        raise QueryError("expected a term")


# --------------------------------------------------------------------------- matching


def _in_range(value: str, term: Term, numeric: bool) -> bool:
    for bound in (term.low, term.high):
        if bound.upper().startswith("NOW"):
            raise QueryError("date math (NOW) is not supported by the Solr stand-in")

    def key(v: str) -> Any:
        return float(v) if numeric else v

    try:
        above = term.low == "*" or key(value) >= key(term.low)
        below = term.high == "*" or key(value) <= key(term.high)
    except ValueError:
        return False
    return above and below


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def match_field(entry: Entry, name: str, term: Term, schema: Schema) -> bool:
    values = entry.values.get(name, [])
    if not values:
        return False
    info = schema.info(name)
    if term.kind == "range":
        return any(_in_range(v, term, info.numeric) for v in values)
    if term.kind == "word" and term.text == "*":
        return True
    if term.wildcard:
        if info.tokenized:
            pattern = term.text.lower()
            return any(fnmatch.fnmatchcase(tok, pattern) for v in values for tok in tokens(v))
        return any(fnmatch.fnmatchcase(v, term.text) for v in values)
    if info.tokenized:
        wanted = tokens(term.text)
        return any(_contains(tokens(v), wanted) for v in values)
    return term.text in values


def evaluate(node: Node, entry: Entry, schema: Schema) -> bool:
    if node[0] == "all":
        return True
    if node[0] == "term":
        return any(match_field(entry, name, node[2], schema) for name in node[1])
    clauses: list[tuple[str, Node]] = node[1]
    if not clauses:
        return False
    should = [n for occur, n in clauses if occur == SHOULD]
    has_must = any(occur == MUST for occur, _ in clauses)
    for occur, sub in clauses:
        hit = evaluate(sub, entry, schema)
        if (occur == MUST and not hit) or (occur == MUST_NOT and hit):
            return False
    if has_must or not should:
        return True  # a purely negative query matches everything not excluded, as Solr's top level does
    return any(evaluate(n, entry, schema) for n in should)


# --------------------------------------------------------------------------- the index

# The journal is compacted once what was appended exceeds both of these.
COMPACT_MIN_BYTES = 64 * 1024 * 1024
COMPACT_RATIO = 3

# Fields looked up by exact value through a map instead of a scan: CKAN's package_show asks
# `name:"X" OR id:"X"` of the index on every call, which a scan makes slower as datasets grow.
LOOKUP_FIELDS = ("id", "name", "index_id")


def exact_lookups(node: Node, lookup: frozenset[str]) -> list[tuple[str, str]] | None:
    """The (field, value) pairs a query asks for when it is only exact values of `lookup`
    fields joined by OR (its matches are then exactly the documents holding one of them);
    None for any other query."""
    if node[0] == "term":
        nodes = [node]
    elif node[0] == "bool" and node[1] and all(occur == SHOULD for occur, _ in node[1]):
        nodes = [sub for _, sub in node[1]]
    else:
        return None
    pairs: list[tuple[str, str]] = []
    for sub in nodes:
        if sub[0] != "term":
            return None
        term: Term = sub[2]
        if term.kind not in ("word", "phrase") or term.wildcard or term.text == "*":
            return None
        for name in sub[1]:
            if name not in lookup:
                return None
            pairs.append((name, term.text))
    return pairs


class Index:
    """Documents by unique key; every change is appended to an optional JSON-lines journal.

    CKAN re-indexes a dataset on every write, so the journal grows by a whole document per
    write; it is rewritten with one line per live document at start-up and whenever it has
    grown to several times that size (a long test run or benchmark would otherwise leave
    gigabytes to replay)."""

    def __init__(self, schema: Schema, journal: Path | None) -> None:
        self.schema = schema
        self.entries: dict[str, Entry] = {}
        self.lock = threading.Lock()
        self.journal = journal
        self.journal_bytes = 0  # written since the last compaction
        self.live_bytes = 0  # the size of the journal that compaction wrote
        # For untokenized lookup fields (an exact match is then value equality): value -> keys.
        self.lookup = frozenset(f for f in LOOKUP_FIELDS if not schema.info(f).tokenized)
        self.by_value: dict[str, dict[str, set[str]]] = {f: {} for f in self.lookup}
        if journal is not None:
            self._replay(journal)

    def _replay(self, journal: Path) -> None:
        if journal.exists():
            with journal.open(encoding="utf-8") as lines:  # line by line: the journal may be large
                for line in lines:
                    op = json.loads(line) if line.strip() else {}
                    if "add" in op:
                        self._put(op["add"])
                    for key in op.get("delete", []):
                        self._drop(key)
        self._compact(journal)

    def _compact(self, journal: Path) -> None:
        """Rewrite the journal as one line per live document."""
        tmp = journal.with_suffix(".tmp")
        journal.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8") as out:
            for entry in self.entries.values():
                out.write(json.dumps({"add": entry.doc}, ensure_ascii=False) + "\n")
        os.replace(tmp, journal)
        self.live_bytes = journal.stat().st_size
        self.journal_bytes = 0

    def _log(self, op: dict[str, Any]) -> None:
        if self.journal is None:
            return
        line = json.dumps(op, ensure_ascii=False) + "\n"
        with self.journal.open("a", encoding="utf-8") as out:
            out.write(line)
        self.journal_bytes += len(line)
        if self.journal_bytes > max(COMPACT_MIN_BYTES, COMPACT_RATIO * self.live_bytes):
            self._compact(self.journal)

    def _put(self, doc: Doc) -> None:
        key = str(doc[self.schema.unique_key])
        self._drop(key)
        entry = self.entries[key] = Entry.build(doc, self.schema)
        for name in self.lookup:
            for value in entry.values.get(name, []):
                self.by_value[name].setdefault(value, set()).add(key)

    def _drop(self, key: str) -> bool:
        entry = self.entries.pop(key, None)
        if entry is None:
            return False
        for name in self.lookup:
            for value in entry.values.get(name, []):
                keys = self.by_value[name].get(value)
                if keys is not None:
                    keys.discard(key)
                    if not keys:
                        del self.by_value[name][value]
        return True

    def _candidates(self, query: Node) -> list[Entry]:
        """The entries a query may match: all of them, or those an exact lookup names."""
        pairs = exact_lookups(query, self.lookup)
        if pairs is None:
            return list(self.entries.values())
        keys = set().union(*(self.by_value[name].get(value, set()) for name, value in pairs))
        return [self.entries[k] for k in self.entries if k in keys] if keys else []

    def add(self, docs: Iterable[Doc]) -> None:
        with self.lock:
            for doc in docs:
                key = self.schema.unique_key
                if doc.get(key) in (None, ""):
                    raise QueryError(f"Document is missing mandatory uniqueKey field: {key}")
                doc = {k: v for k, v in doc.items() if v is not None}
                doc.setdefault("indexed_ts", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
                doc["_version_"] = str(time.time_ns())
                self._put(doc)
                self._log({"add": doc})

    def delete_ids(self, ids: Iterable[str]) -> int:
        with self.lock:
            gone = [i for i in ids if self._drop(i)]
            if gone:
                self._log({"delete": gone})
            return len(gone)

    def delete_query(self, query: str) -> int:
        node = Parser(query, ("text",), default_and=False).parse()
        with self.lock:
            keys = [k for k, e in self.entries.items() if evaluate(node, e, self.schema)]
        return self.delete_ids(keys)

    def select(self, params: dict[str, list[str]]) -> dict[str, Any]:
        def one(name: str, default: str) -> str:
            return params.get(name, [default])[-1]

        started = time.monotonic()
        default_and = one("q.op", "OR").upper() == "AND"
        q = one("q", "*:*").strip() or "*:*"
        if one("defType", "lucene") in ("dismax", "edismax"):
            # Unfielded words search the query fields ("name^4 title^4 ..."), boosts ignored.
            fields = tuple(f.split("^")[0] for f in one("qf", one("df", "text")).split())
        else:
            fields = (one("df", "text"),)
        queries = [Parser(q, fields, default_and).parse()]
        queries += [Parser(fq, (one("df", "text"),), default_and).parse() for fq in params.get("fq", []) if fq.strip()]
        with self.lock:
            candidates = self._candidates(queries[0])
            hits = [e for e in candidates if all(evaluate(n, e, self.schema) for n in queries)]
            universe = list(self.entries.values())
        hits = self._sorted(hits, one("sort", ""))
        start, rows = int(one("start", "0")), int(one("rows", "10"))
        body: dict[str, Any] = {
            "responseHeader": {
                "status": 0,
                "QTime": 0,
                "params": {k: v[-1] if len(v) == 1 else v for k, v in params.items()},
            },
            "response": {
                "numFound": len(hits),
                "start": start,
                "docs": [self._project(e, one("fl", "*")) for e in hits[start : start + max(rows, 0)]],
            },
        }
        if one("facet", "false") == "true":
            body["facet_counts"] = {
                "facet_queries": {},
                "facet_fields": {f: self._facet(f, hits, universe, params) for f in params.get("facet.field", [])},
                "facet_ranges": {},
                "facet_intervals": {},
                "facet_heatmaps": {},
            }
        body["responseHeader"]["QTime"] = int((time.monotonic() - started) * 1000)
        return body

    def _sorted(self, hits: list[Entry], sort: str) -> list[Entry]:
        for spec in reversed([s.strip() for s in sort.split(",") if s.strip()]):
            parts = spec.split()
            if len(parts) != 2 or parts[1].lower() not in ("asc", "desc"):
                raise QueryError(f"Can't determine a Sort Order (asc or desc) in sort spec '{spec}'")
            name, desc = parts[0], parts[1].lower() == "desc"
            if name == "score":
                continue  # every hit scores 1.0
            info = self.schema.info(name)

            def key(e: Entry, name: str = name, info: FieldInfo = info) -> Any:
                v = e.values.get(name, [None])[0]
                if v is None:
                    return None
                if info.numeric:
                    try:
                        return float(v)
                    except ValueError:
                        return 0.0
                return v.lower() if info.tokenized else v

            present = [e for e in hits if key(e) is not None]
            missing = [e for e in hits if key(e) is None]  # sortMissingLast, as CKAN's schema asks
            hits = sorted(present, key=key, reverse=desc) + missing
        return hits

    def _project(self, entry: Entry, fl: str) -> Doc:
        names = [n for n in re.split(r"[\s,]+", fl) if n]
        out: Doc = {}
        for key, value in entry.doc.items():
            if ("*" in names or key in names) and self.schema.info(key).stored:
                out[key] = value
        if "score" in names:
            out["score"] = 1.0
        return out

    def _facet(self, name: str, hits: list[Entry], universe: list[Entry], params: dict[str, list[str]]) -> list[Any]:
        def opt(key: str, default: str) -> str:
            return params.get(f"f.{name}.facet.{key}", params.get(f"facet.{key}", [default]))[-1]

        tokenized = self.schema.info(name).tokenized

        def terms(e: Entry) -> list[str]:
            vals = e.values.get(name, [])
            return [t for v in vals for t in tokens(v)] if tokenized else vals

        counts: dict[str, int] = {}
        for e in hits:
            for t in set(terms(e)):  # Solr counts documents, not values
                counts[t] = counts.get(t, 0) + 1
        mincount, limit = int(opt("mincount", "0")), int(opt("limit", "100"))
        if mincount == 0:
            for e in universe:
                for t in terms(e):
                    counts.setdefault(t, 0)
        ranked = sorted(((t, c) for t, c in counts.items() if c >= mincount), key=lambda tc: (-tc[1], tc[0]))
        if limit >= 0:
            ranked = ranked[:limit]
        return [x for pair in ranked for x in pair]


# --------------------------------------------------------------------------- update messages


def apply_update(index: Index, body: bytes, content_type: str) -> None:
    text = body.decode("utf-8").strip()
    if not text:
        return
    if "json" in content_type or text[0] in "[{":
        message = json.loads(text)
        if isinstance(message, list):
            index.add(message)
            return
        if "add" in message:
            adds = message["add"] if isinstance(message["add"], list) else [message["add"]]
            index.add(a.get("doc", a) for a in adds)
        delete = message.get("delete")
        if isinstance(delete, dict) and "query" in delete:
            index.delete_query(delete["query"])
        elif delete is not None:
            items = delete if isinstance(delete, list) else [delete]
            index.delete_ids(str(d["id"]) if isinstance(d, dict) else str(d) for d in items)
        return
    root = ET.fromstring(text)
    if root.tag == "add":
        docs: list[Doc] = []
        for doc_el in root.iter("doc"):
            doc: Doc = {}
            for f in doc_el.iter("field"):
                name, value = f.get("name", ""), f.text or ""
                if name in doc:
                    doc[name] = (doc[name] if isinstance(doc[name], list) else [doc[name]]) + [value]
                else:
                    doc[name] = value
            docs.append(doc)
        index.add(docs)
    elif root.tag == "delete":
        index.delete_ids((el.text or "").strip() for el in root.iter("id"))
        for el in root.iter("query"):
            index.delete_query(el.text or "")
    elif root.tag not in ("commit", "optimize", "rollback"):
        raise QueryError(f"unknown update message <{root.tag}>")


# --------------------------------------------------------------------------- HTTP


def make_handler(index: Index) -> type[BaseHTTPRequestHandler]:  # noqa: C901 - one dispatcher over the Solr paths CKAN calls
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: pysolr reuses one session
        server_version = "solr-standin/1"

        def _send(self, status: int, payload: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        def _json(self, status: int, data: Any) -> None:
            self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

        def _error(self, status: int, msg: str) -> None:
            self._json(
                status, {"responseHeader": {"status": status, "QTime": 0}, "error": {"msg": msg, "code": status}}
            )

        def _handle(self) -> None:
            url = urlsplit(self.path)
            params = parse_qs(url.query, keep_blank_values=True)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            ctype = self.headers.get("Content-Type", "")
            if body and "x-www-form-urlencoded" in ctype:
                for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
                body = b""
            path = url.path.rstrip("/")
            try:
                if path.endswith("/select") or path == "select":
                    self._json(200, index.select(params))
                elif path.endswith("/update"):
                    apply_update(index, body, ctype)
                    self._json(200, {"responseHeader": {"status": 0, "QTime": 0}})
                elif path.endswith("/schema") and params.get("wt", [""])[-1] != "schema.xml":
                    self._json(200, {"schema": {"name": index.schema.name, "uniqueKey": index.schema.unique_key}})
                elif path.endswith("/schema") or (
                    path.endswith("/admin/file") and params.get("file") == ["schema.xml"]
                ):
                    self._send(200, index.schema.xml.encode("utf-8"), "application/xml; charset=utf-8")
                elif path.endswith("/admin/ping"):
                    self._json(200, {"responseHeader": {"status": 0}, "status": "OK"})
                else:
                    self._error(404, f"no handler for {url.path} (this is a Solr stand-in)")
            except (QueryError, ValueError, KeyError, ET.ParseError) as exc:
                self._error(400, str(exc) or exc.__class__.__name__)
            except Exception as exc:  # an answer beats a dropped connection: CKAN logs the message
                log.exception("stand-in failure")
                self._error(500, f"{exc.__class__.__name__}: {exc}")

        do_GET = do_POST = do_HEAD = _handle

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            log.info("%s %s", self.address_string(), (format % args)[:300])

    return Handler


def serve(
    host: str,
    port: int,
    schema_path: Path,
    journal: Path | None,
    ready: Callable[[ThreadingHTTPServer], None] | None = None,
) -> None:
    index = Index(Schema(schema_path.read_text(encoding="utf-8")), journal)
    server = ThreadingHTTPServer((host, port), make_handler(index))
    server.daemon_threads = True
    log.info(
        "Solr stand-in (schema %s, %d documents) on http://%s:%d",
        index.schema.name,
        len(index.entries),
        host,
        server.server_port,
    )
    if ready is not None:
        ready(server)
    server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8983)
    ap.add_argument("--schema", type=Path, required=True, help="CKAN's schema.xml (ckan/config/solr/schema.xml)")
    ap.add_argument("--data", type=Path, default=None, help="JSON-lines journal so documents survive a restart")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(args.host, args.port, args.schema, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
