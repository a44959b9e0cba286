"""Open311 answers in JSON or XML, the format named by the path's extension (.json, .xml).

The XML is built with xml.etree from the same data as the JSON: a dict becomes an element per
key, a list an element per item under its container (ITEM_NAMES: <services><service>…), None
an empty element, true/false in lower case. Errors are the spec's array of {code, description}.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from starlette.responses import Response

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
ITEM_NAMES = {
    "service_requests": "request",
    "services": "service",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


class Open311Error(Exception):
    """A refusal in the spec's shape: the HTTP status is the error's code."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def render(data: Any, fmt: str, *, root: str, status: int = 200) -> Response:
    """`data` as JSON, or as XML under the element `root` (services, service_requests …)."""
    if fmt == "xml":
        element = to_element(root, data)
        body = ET.tostring(element, encoding="utf-8", xml_declaration=True)
        return Response(body, status_code=status, media_type=FORMATS["xml"])
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(text.encode("utf-8"), status_code=status, media_type=FORMATS["json"])


def render_error(error: Open311Error, fmt: str) -> Response:
    """The spec's error array with one error, with its code as the HTTP status."""
    errors = [{"code": error.code, "description": error.description}]
    return render(errors, fmt if fmt in FORMATS else "json", root="errors", status=error.code)


def to_element(name: str, value: Any) -> ET.Element:
    """`value` as the XML element `name`."""
    element = ET.Element(name)
    if isinstance(value, dict):
        for key, item in value.items():
            element.append(to_element(key, item))
    elif isinstance(value, list | tuple):
        item_name = ITEM_NAMES.get(name, "item")
        for item in value:
            element.append(to_element(item_name, item))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
    return element
