"""Addresses worked out once per process: `{% url %}` in every template, and `reverse()`.

Django's `reverse()` takes about 40 µs: it finds the name through the namespaces, builds each
candidate address and matches it against the pattern. A page names a dozen addresses (the
menu's, each note form's, the poll's), the same ones draw after draw. An address depends only
on the name, the arguments, the application asked for, the URL configuration and the prefix the
site is served under, so it is kept under those, for the 4,096 used most recently.

The settings make this module's `url` tag a builtin of every template, in place of Django's.
"""

from functools import lru_cache
from typing import Any

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url_tag
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.html import conditional_escape

register = template.Library()

KEPT = 4096


@lru_cache(maxsize=KEPT)
def _kept(
    resolver: object,
    prefix: str,
    name: str,
    args: tuple[tuple[type, Any], ...],
    kwargs: tuple[tuple[str, type, Any], ...],
    current_app: str | None,
) -> str:
    return django_reverse(
        name,
        args=[value for _, value in args],
        kwargs={key: value for key, _, value in kwargs},
        current_app=current_app,
    )


def reverse(
    name: str,
    args: list[Any] | tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """Django's `reverse(name, args=…, kwargs=…)`, worked out once for the same question. Each
    argument is kept with its type, as `1` and `True` are equal but not written alike."""
    try:
        return _kept(
            get_resolver(get_urlconf()),  # a new one when the URL configuration changes
            get_script_prefix(),
            name,
            tuple((type(value), value) for value in args or ()),
            tuple(sorted((key, type(value), value) for key, value in (kwargs or {}).items())),
            current_app,
        )
    except TypeError:  # an argument that cannot be kept (a list): worked out every time
        return django_reverse(name, args=args, kwargs=kwargs, current_app=current_app)


class KeptURLNode(URLNode):
    def render(self, context: Context) -> str:
        """Django's `URLNode.render`, asking `reverse` above."""
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {key: value.resolve(context) for key, value in self.kwargs.items()}
        name = self.view_name.resolve(context)
        request: Any = getattr(context, "request", None)  # a plain Context has none
        try:
            current_app = request.current_app
        except AttributeError:
            try:
                current_app = request.resolver_match.namespace
            except AttributeError:
                current_app = None
        address = ""
        try:
            address = reverse(name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


@register.tag
def url(parser: Parser, token: Token) -> KeptURLNode:
    """`{% url 'name' arg … [as variable] %}`, as Django's, with the address kept."""
    node = django_url_tag(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
