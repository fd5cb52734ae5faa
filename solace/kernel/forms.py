from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, on the named field where there is one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def form_post[Form: forms.BaseForm, Result](
    form: Form, *, save: Callable[[Mapping[str, Any]], Result],
    success: Callable[[Result], HttpResponse], page: Callable[[Form], HttpResponse],
) -> HttpResponse:
    """The one shape of a form post, after the gate: validate, call the service with the cleaned data, put its
    ValidationError on the form. `success` answers with what the service returned; `page` shows the form, as it
    came (an unbound form on a GET) or with its errors, which answer 422 so htmx and tests see the refusal."""
    if form.is_bound and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return success(result)
    response = page(form)
    if form.errors and response.status_code == 200:
        response.status_code = 422
    return response


def saved(request: HttpRequest, message: str, to: str | Callable[[Any], str]) -> Callable[[Any], HttpResponse]:
    """A `success` for form_post: say what was saved, then go to `to`, a URL (or made from what was saved)."""
    def respond(result: Any) -> HttpResponse:
        messages.success(request, message)
        return redirect(to(result) if callable(to) else to)
    return respond
