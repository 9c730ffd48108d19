"""Addresses worked out once per process: `{% url %}` in every template, and `reverse()`.

Django's `reverse()` takes about 40 µs: it finds the name through the namespaces, builds each
candidate address and matches it against the pattern. A page names a dozen addresses (the
menu's, each note form's, the poll's), the same ones draw after draw. An address depends only
on the name, the arguments, the application asked for, the URL configuration and the prefix the
site is served under, so it is kept under those, for the 4,096 used most recently; an address
with text among its arguments is not kept (see KEEPABLE).

The settings make this module's `url` tag a builtin of every template, in place of Django's.
"""

from functools import lru_cache
from typing import Any
from uuid import UUID

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


# The arguments an address is kept with: a row's key or a number, compared by exact type (so
# `True`, equal to 1, is not one). Text is never kept: it may be a secret (a trainee's link, a
# calendar feed, a password reset), which the site stores only as a fingerprint.
KEEPABLE = (UUID, int)


@lru_cache(maxsize=KEPT)
def _kept(
    resolver: object,
    prefix: str,
    name: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    current_app: str | None,
) -> str:
    return django_reverse(name, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse(
    name: str,
    args: list[Any] | tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """Django's `reverse(name, args=…, kwargs=…)`, worked out once for the same question when
    every argument is a key or a number (see KEEPABLE), and every time otherwise."""
    args, kwargs = tuple(args or ()), kwargs or {}
    if all(type(value) in KEEPABLE for value in (*args, *kwargs.values())):
        return _kept(
            get_resolver(get_urlconf()),  # a new one when the URL configuration changes
            get_script_prefix(),
            name,
            args,
            tuple(sorted(kwargs.items())),
            current_app,
        )
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
